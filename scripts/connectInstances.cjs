// Serverless variable source: `${file(./scripts/connectInstances.cjs)}` gives the IAM resources the
// functions may call Amazon Connect on: each configured instance (`instance/<id>`) and everything
// in it (`instance/<id>/*`: flows, modules, queues, prompts…), read from the deployed config's
// environments (`connect.instanceArn`). The Service Authorization Reference scopes every call the
// code makes (List…, Describe…, Search…, Create…/Update…ContactFlow…) to these two ARN forms.
const { readDeployConfig } = require('./deployConfigFile.cjs');

const INSTANCE_ARN = /^arn:aws[a-z-]*:connect:[a-z0-9-]+:\d{12}:instance\/[0-9a-f-]{36}$/;

/** The instance ARNs of a parsed config, each with its `/*`; throws naming the file and the fix. */
function connectResources(config, file) {
  const environments = Object.entries(config?.environments ?? {});
  const resources = [];
  for (const [name, environment] of environments) {
    const arn = environment?.connect?.instanceArn;
    if (arn === undefined) continue;
    if (typeof arn !== 'string' || !INSTANCE_ARN.test(arn))
      throw new Error(
        `${file}: environment ${name}: connect.instanceArn ${JSON.stringify(arn)} is not an instance ARN (arn:aws:connect:<region>:<account>:instance/<id>)`,
      );
    if (!resources.includes(arn)) resources.push(arn, `${arn}/*`);
  }
  if (resources.length === 0)
    throw new Error(
      `${file}: no environment has connect.instanceArn, so the deployed functions could call Amazon Connect nowhere: add the instance to the environment you publish to`,
    );
  return resources;
}

module.exports = () => {
  const { file, config } = readDeployConfig();
  return connectResources(config, file);
};
module.exports.connectResources = connectResources;
