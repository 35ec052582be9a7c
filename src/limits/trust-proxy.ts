import { compile as compileTrust } from 'proxy-addr';
import { z } from 'zod';
import { commaList } from '../comma-list';

// Only a hop count or the proxies' addresses: `true` would believe the left-most X-Forwarded-For entry,
// which the client writes itself.
const MAX_PROXY_HOPS = 10; // more proxies than that in front of one service is a misreading, not a setup

/** TRUST_PROXY: a hop count (0 to 10, `false` is 0) or the proxies' addresses and CIDRs. */
export const trustProxySchema = z
  .string()
  .trim()
  .default('0')
  .transform((value, ctx): number | string[] => {
    if (value === 'false') return 0;
    if (/^\d+$/.test(value) && Number(value) <= MAX_PROXY_HOPS) return Number(value);
    const addresses = commaList(value);
    if (value !== 'true' && addresses.length > 0 && addresses.every(isProxyAddress)) return addresses;
    ctx.addIssue({
      code: 'custom',
      message:
        'must be the number of proxies in front (1 to 10) or their addresses (e.g. 10.0.0.0/8,::1); ' +
        "true would trust the client's own X-Forwarded-For entry",
    });
    return z.NEVER;
  });

// dotted IPv4 or IPv6, as written: ipaddr.js would also read `1000000` or `0x1` as an IPv4 address
const isProxyAddress = (entry: string) =>
  ['loopback', 'linklocal', 'uniquelocal'].includes(entry) ||
  (/^\d+\.\d+\.\d+\.\d+(\/\d+)?$|:/.test(entry) && isCidr(entry));

function isCidr(entry: string): boolean {
  try {
    compileTrust([entry]);
    return true;
  } catch {
    return false;
  }
}
