import ipaddr from 'ipaddr.js';

/** `203.0.113.7:51234` and `[2001:db8::1]:443`, as some proxies write them, are their address. */
function withoutPort(address: string): string {
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(address);
  if (bracketed) return bracketed[1];
  return /^[\d.]+:\d+$/.test(address) ? address.slice(0, address.lastIndexOf(':')) : address;
}

/**
 * The key a client address is counted under: an IPv4 address as it is, an IPv6 address by its /64, the
 * smallest block a single subscriber is given: each of its 2^64 addresses must not get a budget of its own.
 */
export function clientKey(address: string | undefined): string {
  if (!address) return 'unknown';
  const bare = withoutPort(address);
  // a trusted proxy wrote it: a form we cannot parse is still one client, not a budget shared by all of them
  if (!ipaddr.isValid(bare)) return bare.slice(0, 100);
  const parsed = ipaddr.parse(bare);
  if (parsed.kind() === 'ipv4') return parsed.toString();
  const ipv6 = parsed as ipaddr.IPv6;
  if (ipv6.isIPv4MappedAddress()) return ipv6.toIPv4Address().toString();
  return `${ipv6.parts
    .slice(0, 4)
    .map((part) => part.toString(16))
    .join(':')}::/64`;
}
