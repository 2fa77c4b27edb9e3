// The flowgate config a deployment carries, shared by the Serverless variable sources
// (deployConfig.cjs, connectInstances.cjs): FLOWGATE_DEPLOY_CONFIG, else ./flowgate.yml, else the
// documented example (CI packaging only). Empty FLOWGATE_DEPLOY_CONFIG counts as unset.
const { existsSync, readFileSync } = require('node:fs');
const { join } = require('node:path');
const { parse } = require('yaml');

/** The config file's path and its parsed content. */
function readDeployConfig() {
  const root = join(__dirname, '..');
  const candidates = [
    process.env.FLOWGATE_DEPLOY_CONFIG || undefined,
    join(root, 'flowgate.yml'),
    join(root, 'examples', 'flowgate.yml'),
  ];
  const file = candidates.find((path) => path !== undefined && existsSync(path));
  if (file === undefined)
    throw new Error('no flowgate config to deploy: set FLOWGATE_DEPLOY_CONFIG or add flowgate.yml');
  return { file, config: parse(readFileSync(file, 'utf8')) };
}

module.exports = { readDeployConfig };
