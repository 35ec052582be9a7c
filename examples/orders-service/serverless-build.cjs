'use strict';
// Bundles the two functions with esbuild before every `osls package` and `osls deploy` (and `deploy function`), so
// what ships is built from the tree as it is; authgate's serverless/build-plugin.cjs does the same for its own.
const { buildSync } = require('esbuild');

class BuildFunctions {
  constructor(serverless) {
    const build = () =>
      buildSync({
        entryPoints: ['src/lambda.ts', 'src/authorizer.ts'],
        absWorkingDir: serverless.serviceDir,
        outdir: '.esbuild',
        bundle: true,
        minify: true,
        platform: 'node',
        target: 'node24',
        format: 'cjs',
        outExtension: { '.js': '.cjs' }, // CommonJS beside this package's "type": "module"
        // the MongoDB driver's optional peers, which this service never uses
        external: [
          'kerberos',
          'snappy',
          '@mongodb-js/zstd',
          'mongodb-client-encryption',
          'aws4',
          'socks',
          'gcp-metadata',
          '@aws-sdk/credential-providers',
        ],
        logLevel: 'warning',
      });
    this.hooks = { 'before:package:createDeploymentArtifacts': build, 'before:package:function:package': build };
  }
}

module.exports = BuildFunctions;
