// Both bundles. jsonwebtoken asks semver one thing: is the running Node at least 6.12, 15.7 or 16.9
// (lib/psSupported.js, asymmetricKeyDetailsSupported.js, rsaPssKeyDetailsSupported.js)? On the nodejs24.x
// runtime every answer is yes; in the authorizer the whole of semver was 40 % of the bundle and of its load time.
const KNOWN = new Set(['^6.12.0 || >=8.0.0', '>=15.7.0', '>=16.9.0']);

module.exports = {
  satisfies(version, range) {
    if (!KNOWN.has(range)) throw new Error(`semver shim: unexpected range ${range}`);
    const major = Number(String(version).replace(/^v/, '').split('.')[0]);
    if (!(major >= 17))
      throw new Error(`semver shim: Node ${version} is older than the runtime this bundle is built for`);
    return true; // Node 17 and later meet every range above
  },
};
