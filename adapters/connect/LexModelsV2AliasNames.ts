import {
  DescribeBotAliasCommand,
  DescribeBotCommand,
  type LexModelsV2Client,
} from '@aws-sdk/client-lex-models-v2';
import { z } from 'zod';
import { exceptionName } from './connectErrors.js';
import type { LexV2AliasNames, LexV2AliasNaming } from './lexV2AliasNames.js';

/** Options of {@link LexModelsV2AliasNames}. */
export interface LexModelsV2AliasNamesOptions {
  /**
   * The Lex V2 models client of a Region, with the credentials the Connect client of the instance
   * uses (an alias ARN carries its Region; Connect associates bots of its own Region).
   */
  readonly clientFor: (region: string) => LexModelsV2Client;
  /** Where "Lex is not readable" is said, once per instance; default `console.warn`. */
  readonly warn?: (message: string) => void;
}

/** What flowgate reads of DescribeBot (Lex V2 models API reference): the bot's name. */
const describeBotResponse = z.object({ botName: z.string().min(1) });
/** What flowgate reads of DescribeBotAlias: the alias's name. */
const describeBotAliasResponse = z.object({ botAliasName: z.string().min(1) });

/** Answers that say this bot or alias cannot be named, now or later in this job. */
const UNNAMEABLE: ReadonlySet<string> = new Set(['ResourceNotFoundException', 'AccessDeniedException']);

/**
 * Names Lex V2 aliases from the Lex V2 models API: `DescribeBot` for the bot's name (once per
 * bot, however many of its aliases the instance lists) and `DescribeBotAlias` for the alias's.
 * Requests at the same time for the same bot or alias share one call.
 *
 * Naming is a convenience on top of the inventory, never a condition of it: a bot or alias that
 * is gone (ResourceNotFoundException) or not readable with these credentials
 * (AccessDeniedException) is answered `null`, and so is any other failure (throttling after the
 * SDK's retries, an answer without a name), so the alias keeps its ARN as its name. Why is said
 * once per instance, naming the IAM actions to grant; a failure other than those two is not
 * remembered, so a later inventory asks again.
 */
export class LexModelsV2AliasNames implements LexV2AliasNames {
  readonly #clientFor: (region: string) => LexModelsV2Client;
  readonly #warn: (message: string) => void;
  readonly #clients = new Map<string, LexModelsV2Client>();
  readonly #bots = new Map<string, Promise<string | null>>();
  readonly #aliases = new Map<string, Promise<string | null>>();
  readonly #warned = new Set<string>();

  constructor(options: LexModelsV2AliasNamesOptions) {
    this.#clientFor = options.clientFor;
    this.#warn = options.warn ?? ((message) => console.warn(message));
  }

  async nameAlias(botId: string, aliasId: string, region: string): Promise<LexV2AliasNaming | null> {
    const [botName, aliasName] = await Promise.all([
      this.#remembered(this.#bots, `${region}/${botId}`, () => this.#describeBot(botId, region)),
      this.#remembered(this.#aliases, `${region}/${botId}/${aliasId}`, () =>
        this.#describeAlias(botId, aliasId, region),
      ),
    ]);
    return botName === null || aliasName === null ? null : { botName, aliasName };
  }

  async #describeBot(botId: string, region: string): Promise<string | null> {
    const response = await this.#client(region).send(new DescribeBotCommand({ botId }));
    return parsed('DescribeBot', describeBotResponse, response).botName;
  }

  async #describeAlias(botId: string, aliasId: string, region: string): Promise<string | null> {
    const response = await this.#client(region).send(
      new DescribeBotAliasCommand({ botId, botAliasId: aliasId }),
    );
    return parsed('DescribeBotAlias', describeBotAliasResponse, response).botAliasName;
  }

  /**
   * The cached answer for `key`, or `read`'s. A definite "cannot be named" is kept for the life
   * of this instance; any other failure is dropped from the cache so the next inventory retries.
   */
  #remembered(
    cache: Map<string, Promise<string | null>>,
    key: string,
    read: () => Promise<string | null>,
  ): Promise<string | null> {
    const cached = cache.get(key);
    if (cached !== undefined) return cached;
    const answer = read().catch((error: unknown) => {
      const name = exceptionName(error) ?? (error instanceof Error ? error.name : 'Error');
      if (!UNNAMEABLE.has(name)) cache.delete(key);
      this.#explain(name, error);
      return null;
    });
    cache.set(key, answer);
    return answer;
  }

  /** Says once per kind of failure why aliases are known by ARN, and what would name them. */
  #explain(name: string, error: unknown): void {
    if (name === 'ResourceNotFoundException') return; // a deleted bot is not a problem to report
    if (this.#warned.has(name)) return;
    this.#warned.add(name);
    const message = error instanceof Error ? error.message : String(error);
    this.#warn(
      name === 'AccessDeniedException'
        ? `Lex V2 bot and alias names could not be read (${message}): Lex V2 aliases are known by their ARNs, so flows match them by ARN, id or a remembered choice, not by name. Grant lex:DescribeBot and lex:DescribeBotAlias on the bots (arn:aws:lex:<region>:<account>:bot/* and bot-alias/*/*) to name them BOT/ALIAS.`
        : `Lex V2 bot and alias names could not be read (${name}: ${message}): those aliases are known by their ARNs for now; the next inventory asks again.`,
    );
  }

  #client(region: string): LexModelsV2Client {
    const existing = this.#clients.get(region);
    if (existing !== undefined) return existing;
    const client = this.#clientFor(region);
    this.#clients.set(region, client);
    return client;
  }
}

/** `response` as `schema` reads it, or an error naming the call and what was missing. */
function parsed<T>(api: string, schema: z.ZodType<T>, response: unknown): T {
  const result = schema.safeParse(response);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  throw new Error(
    `Lex V2 ${api} answered without what flowgate reads (${issue?.path.join('.') || 'the body'}: ${issue?.message ?? 'invalid'})`,
  );
}
