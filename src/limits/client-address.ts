import ipaddr from 'ipaddr.js';

/**
 * The key a client address is counted under: an IPv4 address as it is, an IPv6 address by its /64, the
 * smallest block a single subscriber is given: each of its 2^64 addresses must not get a budget of its own.
 */
export function clientKey(address: string | undefined): string {
  if (!address || !ipaddr.isValid(address)) return 'unknown';
  const parsed = ipaddr.parse(address);
  if (parsed.kind() === 'ipv4') return parsed.toString();
  const ipv6 = parsed as ipaddr.IPv6;
  if (ipv6.isIPv4MappedAddress()) return ipv6.toIPv4Address().toString();
  return `${ipv6.parts.slice(0, 4).map((part) => part.toString(16)).join(':')}::/64`;
}
