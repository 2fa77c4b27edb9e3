// Serverless variable source: `${file(./scripts/deployConfig.cjs)}` gives the flowgate config as
// the JSON text the Lambdas read from FLOWGATE_CONFIG (they carry no YAML parser). The file is
// FLOWGATE_DEPLOY_CONFIG, else ./flowgate.yml, else the documented example (CI packaging only).
// The Lambdas check it with zod when they start; `flowgate` commands check it the same way.
const { existsSync, readFileSync } = require('node:fs');
const { join } = require('node:path');
const { parse } = require('yaml');

module.exports = () => {
  const root = join(__dirname, '..');
  const candidates = [
    process.env.FLOWGATE_DEPLOY_CONFIG,
    join(root, 'flowgate.yml'),
    join(root, 'examples', 'flowgate.yml'),
  ];
  const file = candidates.find((path) => path !== undefined && existsSync(path));
  if (file === undefined)
    throw new Error('no flowgate config to deploy: set FLOWGATE_DEPLOY_CONFIG or add flowgate.yml');
  return JSON.stringify(parse(readFileSync(file, 'utf8')));
};
