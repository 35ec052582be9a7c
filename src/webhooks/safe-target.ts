import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { isIP, type LookupFunction } from 'node:net';
import ipaddr from 'ipaddr.js';

/** httpsOnly and publicOnly hold in production; WEBHOOK_ALLOW_PRIVATE=true lifts publicOnly. */
export type TargetRules = { httpsOnly: boolean; publicOnly: boolean };

export class TargetRefused extends Error {
  readonly code = 'WEBHOOK_TARGET_REFUSED';
}

// ranges ipaddr.js 1.9 calls unicast that are not on the public internet: benchmarking (RFC 2544), IPv4-compatible
// IPv6 (::a.b.c.d), local-use NAT64 (RFC 8215), site-local, discard-only (RFC 6666)
const NOT_PUBLIC = ['198.18.0.0/15', '::/96', '64:ff9b:1::/48', 'fec0::/10', '100::/64'].map((cidr) =>
  ipaddr.parseCIDR(cidr),
);

/** Only unicast addresses are public: loopback, private, link-local, unique-local, CGNAT, reserved... are not. */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  const ip = ipaddr.process(address);
  if (ip.range() !== 'unicast') return false;
  // same kind only: match() compares an IPv4 with IPv4 ranges, an IPv6 with IPv6 ones
  const inRange = ([range, bits]: [ipaddr.IPv4 | ipaddr.IPv6, number]) =>
    range.kind() === ip.kind() && (ip as ipaddr.IPv4).match(range as ipaddr.IPv4, bits);
  return !NOT_PUBLIC.some(inRange);
}

export const hostOf = (url: URL) => url.hostname.replace(/^\[|\]$/g, '');

/** The URL's form: http(s), https in production, no credentials in it. Throws TargetRefused. */
export function checkUrlForm(text: string, rules: TargetRules): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new TargetRefused('is not a URL');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new TargetRefused('must be an http(s) URL');
  if (rules.httpsOnly && url.protocol !== 'https:') throw new TargetRefused('must be https in production');
  if (url.username || url.password) throw new TargetRefused('must not carry credentials');
  const host = hostOf(url);
  if (rules.publicOnly && isIP(host) && !isPublicAddress(host))
    throw new TargetRefused('must not be a loopback, private or link-local address');
  return url;
}

/**
 * The `lookup` of every connection to a receiver: the addresses a name resolves to are checked before the socket
 * connects to one of them, so a name that resolved to a public address when the endpoint was made and to an
 * internal one now (DNS rebinding) is refused on the address actually connected to.
 */
export function guardedLookup(rules: TargetRules): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
      if (error) return callback(error, '', 0);
      if (rules.publicOnly && addresses.some((entry) => !isPublicAddress(entry.address)))
        return callback(new TargetRefused(`${hostname} resolves to a non-public address`), '', 0);
      if (options.all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, addresses);
      callback(null, addresses[0].address, addresses[0].family);
    });
  };
}

/** At creation: the form, and (in production) what the name resolves to now. Throws TargetRefused. */
export async function checkTarget(text: string, rules: TargetRules): Promise<URL> {
  const url = checkUrlForm(text, rules);
  const host = hostOf(url);
  if (!rules.publicOnly || isIP(host)) return url;
  const lookup = guardedLookup(rules);
  await new Promise<void>((resolve, reject) =>
    lookup(host, { all: true }, (error) => (error ? reject(new TargetRefused(error.message)) : resolve())),
  );
  return url;
}
