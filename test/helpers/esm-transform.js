// openid-client v6, its oauth4webapi and its jose v6 are ES modules only, as are the console page's scripts; jest
// runs CommonJS (without --experimental-vm-modules), so those are compiled to CommonJS by esbuild on their way in.
const { transformSync } = require('esbuild');

module.exports = {
  process(source, filename) {
    const { code, map } = transformSync(source, {
      format: 'cjs',
      target: 'node24',
      sourcefile: filename,
      sourcemap: 'external',
      loader: 'js',
    });
    return { code, map };
  },
};
