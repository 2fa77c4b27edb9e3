import {
  type ConnectClient,
  DescribeContactFlowCommand,
  DescribeContactFlowModuleCommand,
  DescribeInstanceCommand,
} from '@aws-sdk/client-connect';
import {
  DescribeBotAliasCommand,
  DescribeBotCommand,
  type LexModelsV2Client,
} from '@aws-sdk/client-lex-models-v2';
import type { ContactCenterProbe, ProbeAnswer } from '../../core/ports.js';
import { parseArn } from '../../core/resolve/arn.js';
import { awsProbeAnswer } from '../aws/probeAnswer.js';
import { parsePage, parseResponse } from './connectResponses.js';
import { FLOW_SEARCHES } from './flowSearch.js';
import { INVENTORY_LISTS, LEX_V2_BOTS, listAction } from './inventoryLists.js';

/** Options of {@link ConnectContactCenterProbe}. */
export interface ConnectContactCenterProbeOptions {
  readonly client: ConnectClient;
  readonly instanceId: string;
  readonly region: string;
  /** The Lex V2 models client of a Region (the inventory names Lex V2 aliases with it). */
  readonly lexClientFor: (region: string) => LexModelsV2Client;
}

/**
 * An id no flow has: a Describe call with it is answered ResourceNotFound when the caller may make
 * it (IAM is evaluated before the lookup) and AccessDenied when not, without reading anything.
 */
const NO_SUCH_ID = '00000000-0000-0000-0000-000000000000';

/** One read call on the instance: the IAM action it needs and how to make it as small as it goes. */
interface ConnectOperation {
  readonly action: string;
  readonly send: (client: ConnectClient, instanceId: string) => Promise<unknown>;
  /** Names something that need not exist: "not found" means IAM let the call through. */
  readonly lookup?: true;
}

/**
 * Every read call flowgate makes on an instance, each asked for one item: the inventory's List
 * calls and publishing's Search calls taken from the tables the adapter pages through (so a call
 * added there is checked here), and the Describe calls of one flow or module.
 */
const CONNECT_OPERATIONS: ReadonlyMap<string, ConnectOperation> = new Map([
  ...INVENTORY_LISTS.map((list): [string, ConnectOperation] => [
    list.api,
    { action: listAction(list), send: (client, id) => list.page(client, id, undefined, 1) },
  ]),
  ...Object.values(FLOW_SEARCHES).map((search): [string, ConnectOperation] => [
    search.api,
    { action: `connect:${search.api}`, send: (client, id) => search.page(client, id, undefined, 1) },
  ]),
  [
    'DescribeContactFlow',
    {
      action: 'connect:DescribeContactFlow',
      lookup: true,
      send: (client, InstanceId) =>
        client.send(new DescribeContactFlowCommand({ InstanceId, ContactFlowId: NO_SUCH_ID })),
    },
  ],
  [
    'DescribeContactFlowModule',
    {
      action: 'connect:DescribeContactFlowModule',
      lookup: true,
      send: (client, InstanceId) =>
        client.send(new DescribeContactFlowModuleCommand({ InstanceId, ContactFlowModuleId: NO_SUCH_ID })),
    },
  ],
]);

/** A Lex V2 alias the instance lists, as its ARN names it. */
interface LexAlias {
  readonly botId: string;
  readonly aliasId: string;
  readonly region: string;
}

/** The Lex V2 models calls that name the instance's aliases (LexModelsV2AliasNames). */
const LEX_OPERATIONS: ReadonlyMap<
  string,
  { readonly action: string; readonly send: (client: LexModelsV2Client, alias: LexAlias) => Promise<unknown> }
> = new Map([
  [
    'DescribeBot (Lex V2)',
    {
      action: 'lex:DescribeBot',
      send: (client, alias) => client.send(new DescribeBotCommand({ botId: alias.botId })),
    },
  ],
  [
    'DescribeBotAlias (Lex V2)',
    {
      action: 'lex:DescribeBotAlias',
      send: (client, alias) =>
        client.send(new DescribeBotAliasCommand({ botId: alias.botId, botAliasId: alias.aliasId })),
    },
  ],
]);

/** An Amazon Connect instance, asked with the caller's credentials what publishing there needs. */
export class ConnectContactCenterProbe implements ContactCenterProbe {
  readonly subject: string;
  readonly operations = [...CONNECT_OPERATIONS.keys(), ...LEX_OPERATIONS.keys()];
  readonly #client: ConnectClient;
  readonly #instanceId: string;
  readonly #lexClientFor: (region: string) => LexModelsV2Client;
  #lexAlias: Promise<LexAlias | ProbeAnswer> | null = null;

  constructor(options: ConnectContactCenterProbeOptions) {
    this.#client = options.client;
    this.#instanceId = options.instanceId;
    this.#lexClientFor = options.lexClientFor;
    this.subject = `Amazon Connect instance ${options.instanceId} in ${options.region}`;
  }

  async describeInstance(): Promise<ProbeAnswer> {
    try {
      const answer = await this.#client.send(new DescribeInstanceCommand({ InstanceId: this.#instanceId }));
      const alias = answer.Instance?.InstanceAlias;
      const status = answer.Instance?.InstanceStatus;
      return {
        kind: 'ok',
        detail: `exists${alias === undefined ? '' : ` (${alias})`}${status === undefined ? '' : `, ${status}`}`,
      };
    } catch (error) {
      const answer = awsProbeAnswer(error, 'connect:DescribeInstance');
      return answer.kind === 'missing'
        ? {
            kind: 'missing',
            message: `no instance ${this.#instanceId} in this account and Region (check connect.instanceArn and connect.region in the config, and which account these credentials are for)`,
          }
        : answer;
    }
  }

  async tryOperation(operation: string): Promise<ProbeAnswer> {
    const connect = CONNECT_OPERATIONS.get(operation);
    if (connect !== undefined)
      return ask(() => connect.send(this.#client, this.#instanceId), connect.action, connect.lookup === true);
    const lex = LEX_OPERATIONS.get(operation);
    if (lex === undefined) return { kind: 'unchecked', message: `flowgate does not call ${operation}` };
    const alias = await this.#firstLexAlias();
    if ('kind' in alias) return alias;
    // The alias can be deleted between the listing and the question: "not found" is still allowed.
    return ask(() => lex.send(this.#lexClientFor(alias.region), alias), lex.action, true);
  }

  /**
   * The first Lex V2 alias the instance lists (ListBots, one item): the Lex calls are asked about
   * a bot the inventory would name, so a policy scoped to some bots is checked as it applies.
   * Asked once for both Lex calls; an answer instead when there is no alias to ask about.
   */
  #firstLexAlias(): Promise<LexAlias | ProbeAnswer> {
    this.#lexAlias ??= this.#readFirstLexAlias().catch(
      (error: unknown): ProbeAnswer => ({
        kind: 'unchecked',
        message: `the instance's Lex V2 bots could not be listed to pick one to ask about (${error instanceof Error ? error.message : String(error)})`,
      }),
    );
    return this.#lexAlias;
  }

  async #readFirstLexAlias(): Promise<LexAlias | ProbeAnswer> {
    const response = await LEX_V2_BOTS.page(this.#client, this.#instanceId, undefined, 1);
    const [first] = parsePage(LEX_V2_BOTS.api, LEX_V2_BOTS.key, response).items;
    const arn =
      first === undefined
        ? undefined
        : parseResponse(LEX_V2_BOTS.api, LEX_V2_BOTS.item, first).LexV2Bot?.AliasArn;
    const parsed = arn === undefined ? null : parseArn(arn);
    if (parsed === null || parsed.botId === null)
      return {
        kind: 'unchecked',
        message: 'the instance lists no Lex V2 bot, so there is none to name and nothing to ask',
      };
    return { botId: parsed.botId, aliasId: parsed.resourceId, region: parsed.region };
  }
}

/**
 * `send` as a question about `action`: allowed when it answers, and, for a `lookup`, when it
 * answers that what it named does not exist (IAM let it through); otherwise what the error says.
 */
async function ask(send: () => Promise<unknown>, action: string, lookup: boolean): Promise<ProbeAnswer> {
  try {
    await send();
    return { kind: 'ok', detail: 'allowed' };
  } catch (error) {
    const answer = awsProbeAnswer(error, action);
    return lookup && answer.kind === 'missing' ? { kind: 'ok', detail: 'allowed' } : answer;
  }
}
