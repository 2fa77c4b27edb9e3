import {
  ConnectClient,
  ListBotsCommand,
  ListContactFlowModulesCommand,
  ListContactFlowsCommand,
  ListHoursOfOperationsCommand,
  ListLambdaFunctionsCommand,
  ListPromptsCommand,
  ListQueuesCommand,
  ListQuickConnectsCommand,
  ListSecurityKeysCommand,
  ListTaskTemplatesCommand,
  ListUsersCommand,
  ListViewsCommand,
} from '@aws-sdk/client-connect';
import {
  DescribeBotAliasCommand,
  DescribeBotCommand,
  LexModelsV2Client,
  LexModelsV2ServiceException,
  ResourceNotFoundException,
  ThrottlingException,
} from '@aws-sdk/client-lex-models-v2';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { ConnectContactCenter } from '../../../adapters/connect/ConnectContactCenter.js';
import { LexModelsV2AliasNames } from '../../../adapters/connect/LexModelsV2AliasNames.js';
import { UNLIMITED } from '../../../adapters/connect/rateLimiter.js';

const INSTANCE = 'arn:aws:connect:eu-west-2:111122223333:instance/9b1d3f5a-7c2e-4a4b-8d6f-1e3a5c7b9d02';
const aliasArn = (bot: string, alias: string) =>
  `arn:aws:lex:eu-west-2:111122223333:bot-alias/${bot}/${alias}`;

const lex = mockClient(LexModelsV2Client);
const connect = mockClient(ConnectClient);

afterAll(() => {
  lex.restore();
  connect.restore();
});

beforeEach(() => {
  lex.reset();
  connect.reset();
});

/** The names the Lex V2 models API answers (DescribeBot botName, DescribeBotAlias botAliasName). */
function lexAnswers(bots: Record<string, string>, aliases: Record<string, string>): void {
  lex.on(DescribeBotCommand).callsFake((input: { botId: string }) => {
    const botName = bots[input.botId];
    if (botName === undefined)
      throw new ResourceNotFoundException({
        message: 'Could not find bot',
        $metadata: { httpStatusCode: 404 },
      });
    return { botId: input.botId, botName, botStatus: 'Available' };
  });
  lex.on(DescribeBotAliasCommand).callsFake((input: { botId: string; botAliasId: string }) => {
    const botAliasName = aliases[`${input.botId}/${input.botAliasId}`];
    if (botAliasName === undefined)
      throw new ResourceNotFoundException({
        message: 'Could not find alias',
        $metadata: { httpStatusCode: 404 },
      });
    return { botId: input.botId, botAliasId: input.botAliasId, botAliasName, botAliasStatus: 'Available' };
  });
}

function namer(warnings: string[] = []): LexModelsV2AliasNames {
  return new LexModelsV2AliasNames({
    clientFor: (region) =>
      new LexModelsV2Client({ region, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }),
    warn: (message) => warnings.push(message),
  });
}

/** An instance that lists only the given Lex V2 aliases (every other List empty). */
function instanceListing(aliases: readonly string[]): void {
  for (const [command, key] of [
    [ListQueuesCommand, 'QueueSummaryList'],
    [ListPromptsCommand, 'PromptSummaryList'],
    [ListHoursOfOperationsCommand, 'HoursOfOperationSummaryList'],
    [ListQuickConnectsCommand, 'QuickConnectSummaryList'],
    [ListUsersCommand, 'UserSummaryList'],
    [ListContactFlowsCommand, 'ContactFlowSummaryList'],
    [ListContactFlowModulesCommand, 'ContactFlowModulesSummaryList'],
    [ListLambdaFunctionsCommand, 'LambdaFunctions'],
    [ListSecurityKeysCommand, 'SecurityKeys'],
    [ListTaskTemplatesCommand, 'TaskTemplates'],
    [ListViewsCommand, 'ViewsSummaryList'],
  ] as const)
    connect.on(command).resolves({ [key]: [] });
  connect.on(ListBotsCommand).callsFake((input: { LexVersion: string }) => ({
    LexBots: input.LexVersion === 'V2' ? aliases.map((AliasArn) => ({ LexV2Bot: { AliasArn } })) : [],
  }));
}

function center(names: LexModelsV2AliasNames): ConnectContactCenter {
  return new ConnectContactCenter({
    client: new ConnectClient({
      region: 'eu-west-2',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    }),
    instanceArn: INSTANCE,
    limiter: UNLIMITED,
    lexNames: names,
  });
}

async function lexNamesIn(target: ConnectContactCenter): Promise<[string, string][]> {
  const data = await target.inventory();
  return data.resources.filter((r) => r.kind === 'lex-bot').map((r) => [r.id, r.name]);
}

describe('LexModelsV2AliasNames', () => {
  it('names each alias of the inventory BOT/ALIAS from DescribeBot and DescribeBotAlias', async () => {
    instanceListing([aliasArn('CLAIMSBOT1', 'ALIASB'), aliasArn('OTHERBOT01', 'ALIASA')]);
    lexAnswers(
      { CLAIMSBOT1: 'ClaimsBot', OTHERBOT01: 'OtherBot' },
      { 'CLAIMSBOT1/ALIASB': 'prod', 'OTHERBOT01/ALIASA': 'prod' },
    );

    expect(await lexNamesIn(center(namer()))).toEqual([
      ['CLAIMSBOT1/ALIASB', 'ClaimsBot/prod'],
      ['OTHERBOT01/ALIASA', 'OtherBot/prod'],
    ]);
    expect(lex.commandCalls(DescribeBotAliasCommand)[0]?.args[0].input).toEqual({
      botId: 'CLAIMSBOT1',
      botAliasId: 'ALIASB',
    });
  });

  it('asks DescribeBot once per bot however many of its aliases are listed, and each alias once', async () => {
    instanceListing([aliasArn('CLAIMSBOT1', 'PRODALIAS'), aliasArn('CLAIMSBOT1', 'TSTALIASID')]);
    lexAnswers(
      { CLAIMSBOT1: 'ClaimsBot' },
      { 'CLAIMSBOT1/PRODALIAS': 'prod', 'CLAIMSBOT1/TSTALIASID': 'test' },
    );
    const names = namer();

    expect(await lexNamesIn(center(names))).toEqual([
      ['CLAIMSBOT1/PRODALIAS', 'ClaimsBot/prod'],
      ['CLAIMSBOT1/TSTALIASID', 'ClaimsBot/test'],
    ]);
    await names.nameAlias('CLAIMSBOT1', 'PRODALIAS', 'eu-west-2');

    expect(lex.commandCalls(DescribeBotCommand)).toHaveLength(1);
    expect(lex.commandCalls(DescribeBotAliasCommand)).toHaveLength(2);
  });

  it('leaves an alias of a deleted bot known by its ARN, and still reads the inventory', async () => {
    const gone = aliasArn('GONEBOT001', 'ALIASA');
    instanceListing([gone, aliasArn('CLAIMSBOT1', 'ALIASB')]);
    lexAnswers({ CLAIMSBOT1: 'ClaimsBot' }, { 'CLAIMSBOT1/ALIASB': 'prod' });
    const warnings: string[] = [];

    expect(await lexNamesIn(center(namer(warnings)))).toEqual([
      ['GONEBOT001/ALIASA', gone],
      ['CLAIMSBOT1/ALIASB', 'ClaimsBot/prod'],
    ]);
    expect(warnings).toEqual([]);
  });

  it('answers null when Lex refuses the credentials, says so once naming the actions, and the inventory succeeds', async () => {
    const first = aliasArn('CLAIMSBOT1', 'ALIASB');
    const second = aliasArn('OTHERBOT01', 'ALIASA');
    instanceListing([first, second]);
    // AccessDenied is one of AWS's common errors, not in the Lex model: the SDK raises it by name.
    const denied = new LexModelsV2ServiceException({
      name: 'AccessDeniedException',
      $fault: 'client',
      message:
        'User: arn:aws:sts::111122223333:assumed-role/flowgate-worker/x is not authorized to perform: lex:DescribeBot',
      $metadata: { httpStatusCode: 403 },
    });
    lex.on(DescribeBotCommand).rejects(denied);
    lex.on(DescribeBotAliasCommand).rejects(denied);
    const warnings: string[] = [];
    const names = namer(warnings);

    expect(await lexNamesIn(center(names))).toEqual([
      ['CLAIMSBOT1/ALIASB', first],
      ['OTHERBOT01/ALIASA', second],
    ]);
    expect(await names.nameAlias('CLAIMSBOT1', 'ALIASB', 'eu-west-2')).toBeNull();
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('Grant lex:DescribeBot and lex:DescribeBotAlias');
    // A refusal is an answer: asked once per bot and alias, not again.
    expect(lex.commandCalls(DescribeBotCommand)).toHaveLength(2);
  });

  it('asks again on the next inventory after Lex throttled past the retries', async () => {
    lex
      .on(DescribeBotCommand)
      .rejectsOnce(new ThrottlingException({ message: 'Rate exceeded', $metadata: { httpStatusCode: 429 } }))
      .resolves({ botId: 'CLAIMSBOT1', botName: 'ClaimsBot' });
    lex
      .on(DescribeBotAliasCommand)
      .resolves({ botId: 'CLAIMSBOT1', botAliasId: 'ALIASB', botAliasName: 'prod' });
    const names = namer();

    expect(await names.nameAlias('CLAIMSBOT1', 'ALIASB', 'eu-west-2')).toBeNull();
    expect(await names.nameAlias('CLAIMSBOT1', 'ALIASB', 'eu-west-2')).toEqual({
      botName: 'ClaimsBot',
      aliasName: 'prod',
    });
  });

  it('answers null, naming the call, when DescribeBot answers without a name', async () => {
    lex.on(DescribeBotCommand).resolves({ botId: 'CLAIMSBOT1' });
    lex.on(DescribeBotAliasCommand).resolves({ botAliasName: 'prod' });
    const warnings: string[] = [];

    expect(await namer(warnings).nameAlias('CLAIMSBOT1', 'ALIASB', 'eu-west-2')).toBeNull();
    expect(warnings).toEqual([
      expect.stringContaining('Lex V2 DescribeBot answered without what flowgate reads (botName'),
    ]);
  });

  it('asks the Lex V2 models API of the alias ARN Region', async () => {
    lexAnswers({ CLAIMSBOT1: 'ClaimsBot' }, { 'CLAIMSBOT1/ALIASB': 'prod', 'CLAIMSBOT1/ALIASC': 'test' });
    const regions: string[] = [];
    const names = new LexModelsV2AliasNames({
      clientFor: (region) => {
        regions.push(region);
        return new LexModelsV2Client({ region, credentials: { accessKeyId: 'l', secretAccessKey: 'l' } });
      },
    });

    await names.nameAlias('CLAIMSBOT1', 'ALIASB', 'ca-central-1');
    await names.nameAlias('CLAIMSBOT1', 'ALIASC', 'ca-central-1');

    expect(regions).toEqual(['ca-central-1']);
  });
});
