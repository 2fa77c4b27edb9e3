// Serverless variable source: `${file(./scripts/integrationResources.cjs):<key>}` gives the IAM
// resources of what the configured Connect instances integrate with, in each instance's account
// and Region (read from the deployed config, like connectInstances.cjs):
//   lexBots          `bot/*` and `bot-alias/*/*`: DescribeBot / DescribeBotAlias name the Lex V2
//                    aliases an inventory lists (ListBots gives only their ARNs)
//   lexAliases       `bot-alias/*/*`: AssociateBot has Connect put a resource policy on the alias
//   lambdaFunctions  `function:*`: AssociateLambdaFunction has Connect add an invoke permission
// Connect associates bots and functions of its own account and Region, so nothing wider is named.
const { readDeployConfig } = require('./deployConfigFile.cjs');
const { connectResources } = require('./connectInstances.cjs');

const INSTANCE_ARN = /^arn:(aws[a-z-]*):connect:([a-z0-9-]+):(\d{12}):instance\/[0-9a-f-]{36}$/;

/** The integration resources of a parsed config's instances, each once; throws as connectResources does. */
function integrationResources(config, file) {
  const places = new Map();
  for (const arn of connectResources(config, file)) {
    const match = INSTANCE_ARN.exec(arn);
    if (match === null) continue; // the `<instance>/*` entries
    const [, partition, region, account] = match;
    places.set(`${partition}:${region}:${account}`, { partition, region, account });
  }
  const each = (format) => [...places.values()].map(format);
  const lex = ({ partition, region, account }) => `arn:${partition}:lex:${region}:${account}`;
  return {
    lexBots: [...each((p) => `${lex(p)}:bot/*`), ...each((p) => `${lex(p)}:bot-alias/*/*`)],
    lexAliases: each((p) => `${lex(p)}:bot-alias/*/*`),
    lambdaFunctions: each(
      ({ partition, region, account }) => `arn:${partition}:lambda:${region}:${account}:function:*`,
    ),
  };
}

module.exports = () => {
  const { file, config } = readDeployConfig();
  return integrationResources(config, file);
};
module.exports.integrationResources = integrationResources;
