import { lexV2AliasName } from '../../core/references/lexV2Names.js';
import { parseArn } from '../../core/resolve/arn.js';
import type { CatalogResource } from '../../core/resolve/types.js';

/** The names of a Lex V2 bot alias: its bot's and its own. */
export interface LexV2AliasNaming {
  readonly botName: string;
  readonly aliasName: string;
}

/**
 * Names Lex V2 bot aliases from their ids. Connect's ListBots (LexVersion V2) gives only each
 * associated alias's ARN (`…:bot-alias/BOT_ID/ALIAS_ID`); the names live in the Lex V2 models API
 * (DescribeBot → `botName`, DescribeBotAlias → `botAliasName`, or ListBots / ListBotAliases).
 * `null` when the alias cannot be named (gone, or not readable with the caller's permissions).
 */
export interface LexV2AliasNames {
  nameAlias(botId: string, aliasId: string, region: string): Promise<LexV2AliasNaming | null>;
}

/**
 * `resources` with each Lex V2 alias named `BOT/ALIAS` where `names` can name it. An alias it
 * cannot name keeps its ARN as its name: it still resolves by ARN, id or a remembered choice,
 * just not by name, which is what happened before names were read at all.
 */
export async function nameLexV2Aliases(
  resources: readonly CatalogResource[],
  names: LexV2AliasNames,
): Promise<CatalogResource[]> {
  return Promise.all(
    resources.map(async (resource) => {
      if (resource.kind !== 'lex-bot') return resource;
      const arn = parseArn(resource.arn);
      if (arn === null || arn.botId === null) return resource;
      const naming = await names.nameAlias(arn.botId, arn.resourceId, arn.region);
      return naming === null
        ? resource
        : { ...resource, name: lexV2AliasName(naming.botName, naming.aliasName) };
    }),
  );
}
