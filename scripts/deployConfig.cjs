// Serverless variable source: `${file(./scripts/deployConfig.cjs)}` gives the flowgate config as
// the JSON text the Lambdas read from FLOWGATE_CONFIG (they carry no YAML parser). Which file:
// deployConfigFile.cjs. The Lambdas check it with zod when they start; `flowgate` commands check
// it the same way.
const { readDeployConfig } = require('./deployConfigFile.cjs');

module.exports = () => JSON.stringify(readDeployConfig().config);
