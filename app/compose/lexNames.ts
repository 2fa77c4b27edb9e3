/**
 * The composition root's Lex V2 namer: the inventory of an Amazon Connect instance names its Lex
 * V2 aliases `BOT/ALIAS` through the Lex V2 models API, on the credentials the Connect client uses
 * (the default provider chain) and in the alias's Region.
 */
import type { LexV2AliasNames } from '../../adapters/connect/lexV2AliasNames.js';

/**
 * A Lex V2 namer for one contact center (its caches live as long as the center), whose SDK is
 * loaded on first use: most invocations never read an inventory, and those that do only ask when
 * the instance lists a Lex V2 bot.
 */
export function lexV2AliasNames(): LexV2AliasNames {
  let names: Promise<LexV2AliasNames> | null = null;
  return {
    async nameAlias(botId, aliasId, region) {
      names ??= (async () => {
        const [{ LexModelsV2AliasNames }, { LexModelsV2Client }, { DEFAULT_MAX_ATTEMPTS }] =
          await Promise.all([
            import('../../adapters/connect/LexModelsV2AliasNames.js'),
            import('@aws-sdk/client-lex-models-v2'),
            import('../../adapters/connect/createConnectClient.js'),
          ]);
        return new LexModelsV2AliasNames({
          // Retried like the Connect client: adaptive backoff when Lex throttles a large inventory.
          clientFor: (clientRegion) =>
            new LexModelsV2Client({
              region: clientRegion,
              retryMode: 'adaptive',
              maxAttempts: DEFAULT_MAX_ATTEMPTS,
            }),
        });
      })();
      return (await names).nameAlias(botId, aliasId, region);
    },
  };
}
