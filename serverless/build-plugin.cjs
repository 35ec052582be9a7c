'use strict';
// The framework builds what it ships: `osls package`, `osls deploy` (and `deploy function`) and `osls offline` run
// scripts/build-lambda.mjs first, so a stale .esbuild/ can never be packaged and a never-built tree packages fine.
// (serverless-esbuild was the other way; it cannot ship what build-lambda.mjs puts beside the bundles.)
const { spawnSync } = require('node:child_process');
const { join } = require('node:path');

class BuildLambda {
  constructor(serverless, _options, { log }) {
    let built = false;
    const build = () => {
      if (built) return; // `deploy` runs the package lifecycle inside its own: one build is enough
      log.notice('Bundling the functions (scripts/build-lambda.mjs)');
      const script = join(serverless.serviceDir, 'scripts', 'build-lambda.mjs');
      const result = spawnSync(process.execPath, [script], { cwd: serverless.serviceDir, stdio: 'inherit' });
      if (result.status !== 0)
        throw new serverless.classes.Error('scripts/build-lambda.mjs failed (its output is above)');
      built = true;
    };
    this.hooks = {
      'before:package:createDeploymentArtifacts': build,
      'before:package:function:package': build,
      'before:offline:start': build,
      'before:offline:start:init': build,
    };
  }
}

module.exports = BuildLambda;
