import { checkUrlForm, isPublicAddress, TargetRefused } from '../../src/webhooks/safe-target';

// Review finding R1: ipaddr.js 1.9.1 calls several non-public ranges "unicast", so production accepts webhook URLs
// (and the guarded lookup accepts names resolving) into them. Contract v1.8: no loopback, private or link-local
// address in production; none of these is an address on the public internet.
const production = { httpsOnly: true, publicOnly: true };

const notPublic = [
  '198.18.0.1', // 198.18.0.0/15 benchmarking (RFC 2544): used as internal fake-IP / lab space, routed in this very sandbox
  '198.19.255.254',
  '::7f00:1', // ::/96 IPv4-compatible (deprecated) form of 127.0.0.1
  '::a9fe:a9fe', // ...of 169.254.169.254
  '64:ff9b:1::a00:1', // 64:ff9b:1::/48 local-use NAT64 (RFC 8215): a NAT64 gateway maps it to 10.0.0.1
  'fec0::1', // fec0::/10 site-local (deprecated, still routed as private by some stacks)
  '100::1', // 100::/64 discard-only
];

describe('review R1: webhook targets in non-public ranges', () => {
  it.each(notPublic)('%s is not a public address', (address) => {
    expect(isPublicAddress(address)).toBe(false);
  });

  it.each([
    'https://198.18.0.1/hook',
    'https://[::7f00:1]:8443/',
    'https://[64:ff9b:1::7f00:1]/',
    'https://[fec0::1]/',
  ])('%s is refused in production', (url) => {
    expect(() => checkUrlForm(url, production)).toThrow(TargetRefused);
  });

  it('public addresses stay allowed', () => {
    for (const address of ['93.184.216.34', '1.1.1.1', '2606:4700:4700::1111', '8.8.8.8'])
      expect(isPublicAddress(address)).toBe(true);
  });
});
