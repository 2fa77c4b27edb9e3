import {
  AccessDeniedException,
  ConnectClient,
  ContactFlowNotPublishedException,
  CreateContactFlowCommand,
  CreateContactFlowModuleCommand,
  DescribeContactFlowCommand,
  InvalidContactFlowException,
  InvalidContactFlowModuleException,
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
  SearchContactFlowsCommand,
  ThrottlingException,
  UpdateContactFlowContentCommand,
  UpdateContactFlowModuleContentCommand,
} from '@aws-sdk/client-connect';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { ConnectContactCenter } from '../../../adapters/connect/ConnectContactCenter.js';
import type { LexV2AliasNames } from '../../../adapters/connect/lexV2AliasNames.js';
import type { RateLimiter } from '../../../adapters/connect/rateLimiter.js';
import { ConfigError, ContactCenterError } from '../../../core/errors.js';
import type { FlowContent } from '../../../core/flow.js';
import type { CreateFlowInput } from '../../../core/ports.js';
import { extractReferences } from '../../../core/references/extractReferences.js';
import { Catalog } from '../../../core/resolve/catalog.js';
import { resolveReference } from '../../../core/resolve/resolveReference.js';
import type { CatalogResource } from '../../../core/resolve/types.js';
import { FixedClock } from '../../fakes/fixedClock.js';
import { loadFixture, loadFixtureText } from '../../fixtures.js';

const INSTANCE_ID = '9b1d3f5a-7c2e-4a4b-8d6f-1e3a5c7b9d02';
const INSTANCE = `arn:aws:connect:eu-west-2:111122223333:instance/${INSTANCE_ID}`;
const QUEUE_ACTION = '8d2e4b71-5a3c-4f6e-b1d9-7c0e2a4f6b83';
const PROMPT_ACTION = '3f1c2a9e-7b4d-4e21-9c55-0a8b6d2e4f10';
const FLOW_ID = 'e1f2a3b4-c5d6-4e7f-8a9b-0c1d2e3f4a5b';

const connect = mockClient(ConnectClient);
const content = loadFixtureText('connect/flow.json');

/** Counts turns taken, so tests can check every request waited for one. */
class CountingLimiter implements RateLimiter {
  turns = 0;
  async acquire(): Promise<void> {
    this.turns += 1;
  }
}

function center(
  options: { limiter?: RateLimiter; clock?: FixedClock; maxAgeMs?: number; lexNames?: LexV2AliasNames } = {},
) {
  return new ConnectContactCenter({
    client: new ConnectClient({
      region: 'eu-west-2',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    }),
    instanceArn: INSTANCE,
    limiter: options.limiter ?? new CountingLimiter(),
    ...(options.clock === undefined ? {} : { clock: options.clock }),
    ...(options.maxAgeMs === undefined ? {} : { inventoryMaxAgeMs: options.maxAgeMs }),
    ...(options.lexNames === undefined ? {} : { lexNames: options.lexNames }),
  });
}

/** A List API fake: page `n` of `pages`, with a NextToken while more pages follow. */
function paged(key: string, pages: readonly (readonly unknown[])[]) {
  return (input: { NextToken?: string }) => {
    const index = input.NextToken === undefined ? 0 : Number(input.NextToken.split('#')[1]);
    const next = index + 1 < pages.length ? { NextToken: `${key}#${index + 1}` } : {};
    return { [key]: pages[index] ?? [], ...next };
  };
}

const arnOf = (type: string, id: string) => `${INSTANCE}/${type}/${id}`;

/** Every List API flowgate reads, with an item maker and the resource each item becomes. */
const LISTS = [
  {
    api: 'ListQueues',
    register: (pages: unknown[][]) =>
      connect.on(ListQueuesCommand).callsFake(paged('QueueSummaryList', pages)),
    item: (i: number) => ({
      Id: `q${i}`,
      Arn: arnOf('queue', `q${i}`),
      Name: `Queue ${i}`,
      QueueType: 'STANDARD',
    }),
    kind: 'queue',
    calls: () => connect.commandCalls(ListQueuesCommand).length,
  },
  {
    api: 'ListPrompts',
    register: (pages: unknown[][]) =>
      connect.on(ListPromptsCommand).callsFake(paged('PromptSummaryList', pages)),
    item: (i: number) => ({ Id: `p${i}`, Arn: arnOf('prompt', `p${i}`), Name: `Prompt ${i}.wav` }),
    kind: 'prompt',
    calls: () => connect.commandCalls(ListPromptsCommand).length,
  },
  {
    api: 'ListHoursOfOperations',
    register: (pages: unknown[][]) =>
      connect.on(ListHoursOfOperationsCommand).callsFake(paged('HoursOfOperationSummaryList', pages)),
    item: (i: number) => ({ Id: `h${i}`, Arn: arnOf('operating-hours', `h${i}`), Name: `Hours ${i}` }),
    kind: 'hours',
    calls: () => connect.commandCalls(ListHoursOfOperationsCommand).length,
  },
  {
    api: 'ListQuickConnects',
    register: (pages: unknown[][]) =>
      connect.on(ListQuickConnectsCommand).callsFake(paged('QuickConnectSummaryList', pages)),
    item: (i: number) => ({ Id: `qc${i}`, Arn: arnOf('transfer-destination', `qc${i}`), Name: `QC ${i}` }),
    kind: 'quick-connect',
    calls: () => connect.commandCalls(ListQuickConnectsCommand).length,
  },
  {
    api: 'ListUsers',
    register: (pages: unknown[][]) => connect.on(ListUsersCommand).callsFake(paged('UserSummaryList', pages)),
    item: (i: number) => ({ Id: `u${i}`, Arn: arnOf('agent', `u${i}`), Username: `agent${i}` }),
    kind: 'user',
    calls: () => connect.commandCalls(ListUsersCommand).length,
  },
  {
    api: 'ListContactFlows',
    register: (pages: unknown[][]) =>
      connect.on(ListContactFlowsCommand).callsFake(paged('ContactFlowSummaryList', pages)),
    item: (i: number) => ({
      Id: `f${i}`,
      Arn: arnOf('contact-flow', `f${i}`),
      Name: `Flow ${i}`,
      ContactFlowType: 'CONTACT_FLOW',
      ContactFlowState: 'ACTIVE',
    }),
    kind: 'flow',
    calls: () => connect.commandCalls(ListContactFlowsCommand).length,
  },
  {
    api: 'ListContactFlowModules',
    register: (pages: unknown[][]) =>
      connect.on(ListContactFlowModulesCommand).callsFake(paged('ContactFlowModulesSummaryList', pages)),
    item: (i: number) => ({
      Id: `m${i}`,
      Arn: arnOf('flow-module', `m${i}`),
      Name: `Module ${i}`,
      State: 'ACTIVE',
    }),
    kind: 'module',
    calls: () => connect.commandCalls(ListContactFlowModulesCommand).length,
  },
  {
    api: 'ListLambdaFunctions',
    register: (pages: unknown[][]) =>
      connect.on(ListLambdaFunctionsCommand).callsFake(paged('LambdaFunctions', pages)),
    item: (i: number) => `arn:aws:lambda:eu-west-2:111122223333:function:fn-${i}`,
    kind: 'lambda',
    calls: () => connect.commandCalls(ListLambdaFunctionsCommand).length,
  },
  {
    api: 'ListBots (V2)',
    register: (pages: unknown[][]) => registerBots(pages, []),
    item: (i: number) => ({
      LexV2Bot: { AliasArn: `arn:aws:lex:eu-west-2:111122223333:bot-alias/BOT${i}/ALIAS${i}` },
    }),
    kind: 'lex-bot',
    calls: () => botCalls('V2'),
  },
  {
    api: 'ListBots (V1)',
    register: (pages: unknown[][]) => registerBots([], pages),
    item: (i: number) => ({ LexBot: { Name: `OrderBot${i}`, LexRegion: 'eu-west-2' } }),
    kind: 'lex-v1-bot',
    calls: () => botCalls('V1'),
  },
  {
    api: 'ListSecurityKeys',
    register: (pages: unknown[][]) =>
      connect.on(ListSecurityKeysCommand).callsFake(paged('SecurityKeys', pages)),
    item: (i: number) => ({ AssociationId: `key-${i}`, Key: 'MIIB...' }),
    kind: 'security-key',
    calls: () => connect.commandCalls(ListSecurityKeysCommand).length,
  },
  {
    api: 'ListTaskTemplates',
    register: (pages: unknown[][]) =>
      connect.on(ListTaskTemplatesCommand).callsFake(paged('TaskTemplates', pages)),
    item: (i: number) => ({ Id: `t${i}`, Arn: arnOf('task-template', `t${i}`), Name: `Template ${i}` }),
    kind: 'task-template',
    calls: () => connect.commandCalls(ListTaskTemplatesCommand).length,
  },
  {
    api: 'ListViews',
    // The instance's own views; AWS-managed ones are asked for separately and answer none here.
    register: (pages: unknown[][]) => {
      connect.on(ListViewsCommand).resolves({ ViewsSummaryList: [] });
      connect.on(ListViewsCommand, { Type: 'CUSTOMER_MANAGED' }).callsFake(paged('ViewsSummaryList', pages));
    },
    item: (i: number) => ({ Id: `v${i}`, Arn: arnOf('view', `v${i}`), Name: `View ${i}` }),
    kind: 'view',
    calls: () => viewCalls('CUSTOMER_MANAGED'),
  },
] as const;

/** One request per List API of an empty instance; ListViews is asked once per view type. */
const READS_PER_INVENTORY = LISTS.length + 1;

function viewCalls(type: 'CUSTOMER_MANAGED' | 'AWS_MANAGED'): number {
  return connect.commandCalls(ListViewsCommand).filter((call) => call.args[0].input.Type === type).length;
}

function registerBots(v2: unknown[][], v1: unknown[][]) {
  const v2Page = paged('LexBots', v2);
  const v1Page = paged('LexBots', v1);
  connect
    .on(ListBotsCommand)
    .callsFake((input: { LexVersion?: string; NextToken?: string }) =>
      input.LexVersion === 'V2' ? v2Page(input) : v1Page(input),
    );
}

function botCalls(version: 'V1' | 'V2'): number {
  return connect.commandCalls(ListBotsCommand).filter((call) => call.args[0].input.LexVersion === version)
    .length;
}

/** Every list answers one empty page. */
function emptyInstance(): void {
  for (const list of LISTS) list.register([[]]);
}

function totalCalls(): number {
  return connect.calls().length;
}

function flowInput(overrides: Partial<CreateFlowInput> = {}): CreateFlowInput {
  return {
    kind: 'flow',
    name: 'Main IVR',
    type: 'CONTACT_FLOW',
    description: 'Greets callers',
    content,
    status: 'PUBLISHED',
    ...overrides,
  };
}

async function caught(promise: Promise<unknown>): Promise<ContactCenterError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ContactCenterError) return error;
    throw error;
  }
  throw new Error('expected a ContactCenterError');
}

beforeEach(() => {
  connect.reset();
});

afterAll(() => {
  connect.restore();
});

describe('ConnectContactCenter', () => {
  it('refuses an ARN that is not an instance ARN when constructed', () => {
    expect(
      () =>
        new ConnectContactCenter({
          client: new ConnectClient({ region: 'eu-west-2' }),
          instanceArn: `${INSTANCE}/queue/q1`,
          limiter: new CountingLimiter(),
        }),
    ).toThrow(ConfigError);
  });
});

describe('ConnectContactCenter.inventory', () => {
  it.each(LISTS)('reads every page of $api when responses carry a NextToken', async (list) => {
    emptyInstance();
    list.register([[list.item(1)], [list.item(2)], [list.item(3)]]);

    const data = await center().inventory();

    expect(data.resources.filter((r) => r.kind === list.kind)).toHaveLength(3);
    expect(list.calls()).toBe(3);
  });

  it('asks for standard queues only and skips an agent queue when one is returned anyway', async () => {
    emptyInstance();
    connect.on(ListQueuesCommand).resolves({
      QueueSummaryList: [
        { Id: 'q1', Arn: arnOf('queue', 'q1'), Name: 'Sales', QueueType: 'STANDARD' },
        { Id: 'q2', Arn: arnOf('queue', 'q2'), Name: 'agent1', QueueType: 'AGENT' },
      ],
    });

    const data = await center().inventory();

    expect(connect.commandCalls(ListQueuesCommand)[0]?.args[0].input.QueueTypes).toEqual(['STANDARD']);
    expect(data.resources.filter((r) => r.kind === 'queue').map((r) => r.name)).toEqual(['Sales']);
  });

  it('asks for active modules only', async () => {
    emptyInstance();

    await center().inventory();

    expect(connect.commandCalls(ListContactFlowModulesCommand)[0]?.args[0].input.ContactFlowModuleState).toBe(
      'ACTIVE',
    );
  });

  it('keeps each flow type and leaves archived flows out when listing flows', async () => {
    emptyInstance();
    connect.on(ListContactFlowsCommand).resolves({
      ContactFlowSummaryList: [
        {
          Id: 'f1',
          Arn: arnOf('contact-flow', 'f1'),
          Name: 'Queue music',
          ContactFlowType: 'CUSTOMER_QUEUE',
        },
        {
          Id: 'f2',
          Arn: arnOf('contact-flow', 'f2'),
          Name: 'Old',
          ContactFlowType: 'CONTACT_FLOW',
          ContactFlowState: 'ARCHIVED',
        },
      ],
    });

    const data = await center().inventory();

    expect(data.resources.filter((r) => r.kind === 'flow')).toEqual([
      {
        kind: 'flow',
        id: 'f1',
        arn: arnOf('contact-flow', 'f1'),
        name: 'Queue music',
        flowType: 'CUSTOMER_QUEUE',
      },
    ]);
  });

  it.each<[string, CatalogResource]>([
    [
      'arn:aws:lambda:eu-west-2:111122223333:function:billing',
      {
        kind: 'lambda',
        id: 'billing',
        arn: 'arn:aws:lambda:eu-west-2:111122223333:function:billing',
        name: 'billing',
      },
    ],
    [
      'arn:aws:lambda:eu-west-2:111122223333:function:billing:prod',
      {
        kind: 'lambda',
        id: 'billing:prod',
        arn: 'arn:aws:lambda:eu-west-2:111122223333:function:billing:prod',
        name: 'billing',
      },
    ],
  ])('names the Lambda %s by its function name', async (arn, expected) => {
    emptyInstance();
    connect.on(ListLambdaFunctionsCommand).resolves({ LambdaFunctions: [arn] });

    const data = await center().inventory();

    expect(data.resources.filter((r) => r.kind === 'lambda')).toEqual([expected]);
  });

  it('maps Lex V2 aliases and Lex V1 bots to their kinds when both versions are listed', async () => {
    emptyInstance();
    const alias = 'arn:aws:lex:eu-west-2:111122223333:bot-alias/BOT1/TSTALIASID';
    registerBots(
      [[{ LexV2Bot: { AliasArn: alias } }]],
      [[{ LexBot: { Name: 'OrderFlowers', LexRegion: 'us-east-1' } }]],
    );

    const data = await center().inventory();

    expect(data.resources.filter((r) => r.kind === 'lex-bot' || r.kind === 'lex-v1-bot')).toEqual([
      { kind: 'lex-bot', id: 'BOT1/TSTALIASID', arn: alias, name: alias },
      {
        kind: 'lex-v1-bot',
        id: 'OrderFlowers',
        arn: 'arn:aws:lex:us-east-1:111122223333:bot:OrderFlowers',
        name: 'OrderFlowers',
      },
    ]);
  });

  it('costs no request when called a second time', async () => {
    emptyInstance();
    LISTS[0].register([[LISTS[0].item(1)]]);
    const target = center();
    await target.inventory();
    const afterFirst = totalCalls();

    const second = await target.inventory();

    expect(totalCalls()).toBe(afterFirst);
    expect(second.resources).toHaveLength(1);
  });

  it('lists only flows and modules for the flow inventory', async () => {
    emptyInstance();
    const target = center();

    const flows = await target.flowInventory();

    const asked = LISTS.filter((list) => list.calls() > 0).map((list) => list.api);
    expect(asked.sort()).toEqual(['ListContactFlowModules', 'ListContactFlows']);
    expect(flows.resources.every((r) => r.kind === 'flow' || r.kind === 'module')).toBe(true);
  });

  it('serves the flow inventory from an inventory already read, with no request', async () => {
    emptyInstance();
    const target = center();
    await target.inventory();
    const afterFirst = totalCalls();

    await target.flowInventory();

    expect(totalCalls()).toBe(afterFirst);
  });

  it('makes one read for callers asking at the same time', async () => {
    emptyInstance();
    const target = center();

    await Promise.all([target.inventory(), target.inventory(), target.inventory()]);

    expect(totalCalls()).toBe(READS_PER_INVENTORY);
  });

  it('reads again when the cached inventory is older than the maximum age', async () => {
    emptyInstance();
    const clock = new FixedClock();
    const target = center({ clock, maxAgeMs: 60_000 });
    await target.inventory();

    clock.advance(60_001);
    await target.inventory();

    expect(totalCalls()).toBe(2 * READS_PER_INVENTORY);
  });

  it('lists a flow created through the adapter without another request when the inventory was read', async () => {
    emptyInstance();
    connect
      .on(CreateContactFlowCommand)
      .resolves({ ContactFlowId: FLOW_ID, ContactFlowArn: arnOf('contact-flow', FLOW_ID) });
    const target = center();
    await target.inventory();
    await target.createFlow(flowInput());
    const before = totalCalls();

    const data = await target.inventory();

    expect(totalCalls()).toBe(before);
    expect(data.resources).toContainEqual({
      kind: 'flow',
      id: FLOW_ID,
      arn: arnOf('contact-flow', FLOW_ID),
      name: 'Main IVR',
      flowType: 'CONTACT_FLOW',
    });
  });

  it('names the API and the field when a response lacks a field flowgate needs', async () => {
    emptyInstance();
    connect.on(ListPromptsCommand).resolves({
      PromptSummaryList: [
        { Id: 'p1', Arn: arnOf('prompt', 'p1'), Name: 'a.wav' },
        { Id: 'p2', Name: 'b.wav' },
      ],
    });

    const error = await caught(center().inventory());

    expect(error.code).toBe('unexpected-response');
    expect(error.message).toContain('ListPrompts');
    expect(error.message).toContain('PromptSummaryList[1].Arn');
  });

  it('stops with an error when a NextToken repeats', async () => {
    emptyInstance();
    connect
      .on(ListViewsCommand, { Type: 'AWS_MANAGED' })
      .resolves({ ViewsSummaryList: [], NextToken: 'same' });

    const error = await caught(center().inventory());

    expect(error.code).toBe('unexpected-response');
    expect(viewCalls('AWS_MANAGED')).toBe(2);
  });

  it('lists the AWS-managed views, so a guide flow showing them resolves in any instance', async () => {
    emptyInstance();
    // As ListViews answers for AWS_MANAGED: the ARN belongs to account `aws`, not the instance.
    const managed = (id: string, name: string) => ({
      Id: `arn:aws:connect:eu-west-2:aws:view/${id}`,
      Arn: `arn:aws:connect:eu-west-2:aws:view/${id}`,
      Name: name,
      Type: 'AWS_MANAGED' as const,
    });
    connect
      .on(ListViewsCommand, { Type: 'AWS_MANAGED' })
      .resolves({ ViewsSummaryList: [managed('form', 'Form'), managed('confirmation', 'Confirmation')] });
    const catalog = new Catalog(await center().inventory());
    const views = extractReferences(loadFixture<FlowContent>('references/agent-workspace-guide.json')).filter(
      (r) => r.kind === 'view',
    );

    const resolved = views.map((r) => resolveReference(r, catalog, null).target?.arn);

    expect(resolved).toEqual([
      'arn:aws:connect:eu-west-2:aws:view/form',
      'arn:aws:connect:eu-west-2:aws:view/confirmation',
    ]);
  });

  it("names Lex V2 aliases bot/alias, so a flow finds its bot's alias among several named prod", async () => {
    emptyInstance();
    const aliasArn = (bot: string, alias: string) =>
      `arn:aws:lex:eu-west-2:111122223333:bot-alias/${bot}/${alias}`;
    registerBots(
      [
        [
          { LexV2Bot: { AliasArn: aliasArn('OTHERBOT01', 'ALIASA') } },
          { LexV2Bot: { AliasArn: aliasArn('CLAIMSBOT1', 'ALIASB') } },
        ],
      ],
      [],
    );
    // What the Lex V2 models API answers for each bot and alias id (DescribeBot, DescribeBotAlias).
    const bots: Record<string, string> = { OTHERBOT01: 'OtherBot', CLAIMSBOT1: 'ClaimsBot' };
    const asked: string[] = [];
    const lexNames: LexV2AliasNames = {
      nameAlias: async (botId, aliasId, region) => {
        asked.push(`${region}:${botId}/${aliasId}`);
        const botName = bots[botId];
        return botName === undefined ? null : { botName, aliasName: 'prod' };
      },
    };
    const catalog = new Catalog(await center({ lexNames }).inventory());
    const lexRef = extractReferences(loadFixture<FlowContent>('references/agent-workspace-guide.json')).find(
      (r) => r.kind === 'lex-bot',
    );
    if (lexRef === undefined) throw new Error('no Lex V2 reference in the fixture');

    const resolution = resolveReference(lexRef, catalog, null);

    expect(asked).toEqual(['eu-west-2:OTHERBOT01/ALIASA', 'eu-west-2:CLAIMSBOT1/ALIASB']);
    expect(resolution.target).toEqual({
      arn: aliasArn('CLAIMSBOT1', 'ALIASB'),
      id: 'CLAIMSBOT1/ALIASB',
      name: 'ClaimsBot/prod',
    });
  });

  it('does not cache a failed read when a List API is refused', async () => {
    emptyInstance();
    connect
      .on(ListSecurityKeysCommand)
      .rejectsOnce(new AccessDeniedException({ message: 'not authorized', $metadata: {} }))
      .resolves({ SecurityKeys: [] });
    const target = center();

    const error = await caught(target.inventory());
    const retried = await target.inventory();

    expect(error.code).toBe('access-denied');
    expect(error.message).toContain('ListSecurityKeys');
    expect(retried.instanceArn).toBe(INSTANCE);
  });

  it('takes a limiter turn for every request', async () => {
    emptyInstance();
    LISTS[1].register([[LISTS[1].item(1)], [LISTS[1].item(2)]]);
    const limiter = new CountingLimiter();

    await center({ limiter }).inventory();

    expect(limiter.turns).toBe(totalCalls());
    expect(limiter.turns).toBe(READS_PER_INVENTORY + 1);
  });
});

describe('ConnectContactCenter.describeFlow', () => {
  it('reads a draft that has no Status as SAVED when the flow was never published', async () => {
    connect
      .on(DescribeContactFlowCommand, { ContactFlowId: FLOW_ID })
      .rejects(new ContactFlowNotPublishedException({ message: 'not published', $metadata: {} }))
      .on(DescribeContactFlowCommand, { ContactFlowId: `${FLOW_ID}:$SAVED` })
      .resolves({
        ContactFlow: {
          Arn: `${arnOf('contact-flow', FLOW_ID)}:$SAVED`,
          Name: 'Draft',
          Type: 'CUSTOMER_QUEUE',
          Content: content,
        },
      });

    const flow = await center().describeFlow('flow', FLOW_ID);

    expect(flow).toMatchObject({
      arn: arnOf('contact-flow', FLOW_ID),
      status: 'SAVED',
      type: 'CUSTOMER_QUEUE',
    });
    expect(connect.commandCalls(DescribeContactFlowCommand)).toHaveLength(2);
  });
});

/** Search results: flow `i` of an instance, published with the fixture content. */
function searched(i: number, overrides: { Status?: 'SAVED'; Content?: string } = {}) {
  const id = `f0000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
  return {
    Id: id,
    Arn: arnOf('contact-flow', id),
    Name: `Flow ${i}`,
    Type: 'CONTACT_FLOW' as const,
    Content: content,
    Status: 'PUBLISHED' as 'PUBLISHED' | 'SAVED',
    State: 'ACTIVE' as const,
    ...overrides,
  };
}

/** A Search API fake over `items`, 100 a page, with the approximate total Connect reports. */
function searchPages(key: string, items: readonly unknown[]) {
  const pages = [];
  for (let i = 0; i < items.length; i += 100) pages.push(items.slice(i, i + 100));
  const page = paged(key, pages.length === 0 ? [[]] : pages);
  return (input: { NextToken?: string }) => ({ ...page(input), ApproximateTotalCount: items.length });
}

describe('ConnectContactCenter.describeFlows', () => {
  it('reads 100 flows of a 250-flow instance with the Search pages that hold them', async () => {
    const instance = Array.from({ length: 250 }, (_, i) => searched(i));
    connect.on(SearchContactFlowsCommand).callsFake(searchPages('ContactFlows', instance));
    const wanted = instance.slice(50, 150).map((f) => f.Id);
    const limiter = new CountingLimiter();

    const flows = await center({ limiter }).describeFlows('flow', wanted);

    expect([...flows.keys()]).toEqual(wanted);
    expect(flows.get(wanted[0] ?? '')).toEqual({
      kind: 'flow',
      id: wanted[0],
      arn: instance[50]?.Arn,
      name: 'Flow 50',
      type: 'CONTACT_FLOW',
      content,
      status: 'PUBLISHED',
    });
    expect(connect.commandCalls(SearchContactFlowsCommand).map((c) => c.args[0].input.NextToken)).toEqual([
      undefined,
      'ContactFlows#1',
    ]);
    expect(connect.commandCalls(DescribeContactFlowCommand)).toHaveLength(0);
    expect(limiter.turns).toBe(2);
  });

  it('describes the few ids still missing instead of paging on when that costs fewer calls', async () => {
    const instance = Array.from({ length: 1000 }, (_, i) => searched(i));
    connect.on(SearchContactFlowsCommand).callsFake(searchPages('ContactFlows', instance));
    const far = instance[900];
    connect.on(DescribeContactFlowCommand).resolves({ ContactFlow: far });

    const flows = await center().describeFlows('flow', [instance[1]?.Id ?? '', far?.Id ?? '']);

    expect(flows.size).toBe(2);
    expect(connect.commandCalls(SearchContactFlowsCommand)).toHaveLength(1);
    expect(
      connect.commandCalls(DescribeContactFlowCommand).map((c) => c.args[0].input.ContactFlowId),
    ).toEqual([far?.Id]);
  });

  it('describes a flow Search returns only as a draft, as describeFlow reads it', async () => {
    const draft = searched(2, { Status: 'SAVED', Content: '{"draft":true}' });
    connect.on(SearchContactFlowsCommand).callsFake(searchPages('ContactFlows', [searched(1), draft]));
    connect.on(DescribeContactFlowCommand).resolves({ ContactFlow: searched(2) });

    const flows = await center().describeFlows('flow', [searched(1).Id, draft.Id]);

    expect(flows.get(draft.Id)).toMatchObject({ content, status: 'PUBLISHED' });
  });

  it('describes a single id without searching', async () => {
    connect.on(DescribeContactFlowCommand).resolves({ ContactFlow: searched(7) });

    const flows = await center().describeFlows('flow', [searched(7).Id]);

    expect(flows.get(searched(7).Id)?.name).toBe('Flow 7');
    expect(connect.commandCalls(SearchContactFlowsCommand)).toHaveLength(0);
  });

  it('rejects with unexpected-response when a Search item has no Id', async () => {
    connect.on(SearchContactFlowsCommand).resolves({ ContactFlows: [{ Name: 'x', Arn: 'y' }] });

    await expect(center().describeFlows('flow', ['a', 'b'])).rejects.toMatchObject({
      code: 'unexpected-response',
      message: expect.stringContaining('ContactFlows[0]'),
    });
  });
});

describe('ConnectContactCenter.createFlow', () => {
  it('creates a flow with its type, content and status in one call', async () => {
    connect
      .on(CreateContactFlowCommand)
      .resolves({ ContactFlowId: FLOW_ID, ContactFlowArn: arnOf('contact-flow', FLOW_ID) });

    const created = await center().createFlow(flowInput({ status: 'SAVED' }));

    expect(created).toEqual({ id: FLOW_ID, arn: arnOf('contact-flow', FLOW_ID) });
    expect(totalCalls()).toBe(1);
    expect(connect.commandCalls(CreateContactFlowCommand)[0]?.args[0].input).toEqual({
      InstanceId: INSTANCE_ID,
      Name: 'Main IVR',
      Type: 'CONTACT_FLOW',
      Description: 'Greets callers',
      Content: content,
      Status: 'SAVED',
    });
  });

  it('creates a module with CreateContactFlowModule, which takes no type or status', async () => {
    connect.on(CreateContactFlowModuleCommand).resolves({ Id: 'm1', Arn: arnOf('flow-module', 'm1') });

    const created = await center().createFlow(flowInput({ kind: 'module', type: null, description: '' }));

    expect(created).toEqual({ id: 'm1', arn: arnOf('flow-module', 'm1') });
    expect(totalCalls()).toBe(1);
    expect(connect.commandCalls(CreateContactFlowModuleCommand)[0]?.args[0].input).toEqual({
      InstanceId: INSTANCE_ID,
      Name: 'Main IVR',
      Content: content,
    });
  });

  it('puts Connect validation problems on the blocks they name when the create is refused', async () => {
    connect.on(CreateContactFlowCommand).rejects(
      new InvalidContactFlowException({
        message: 'Invalid flow',
        $metadata: {},
        problems: [
          { message: `Resource not found for QueueId in action ${QUEUE_ACTION}` },
          { message: `Prompt does not exist: ${PROMPT_ACTION}` },
          { message: 'Flow has errors' },
        ],
      }),
    );

    const error = await caught(center().createFlow(flowInput()));

    expect(error.code).toBe('invalid-flow');
    expect(error.diagnostics.map((d) => [d.action, d.block])).toEqual([
      [QUEUE_ACTION, 'Set working queue'],
      [PROMPT_ACTION, 'Play prompt'],
      [null, null],
    ]);
  });

  it('reads module problems from the capitalised Problems field when a module is refused', async () => {
    connect.on(CreateContactFlowModuleCommand).rejects(
      new InvalidContactFlowModuleException({
        message: 'Invalid module',
        $metadata: {},
        Problems: [{ message: `Invalid action ${QUEUE_ACTION}` }],
      }),
    );

    const error = await caught(center().createFlow(flowInput({ kind: 'module', type: null })));

    expect(error.diagnostics.map((d) => d.action)).toEqual([QUEUE_ACTION]);
  });

  it('refuses content over 256,000 characters without calling Connect', async () => {
    const error = await caught(center().createFlow(flowInput({ content: 'x'.repeat(256_001) })));

    expect(error.code).toBe('content-too-large');
    expect(totalCalls()).toBe(0);
  });

  it('marks throttling that outlasted the SDK retries as retryable', async () => {
    connect
      .on(CreateContactFlowCommand)
      .rejects(new ThrottlingException({ message: 'Rate exceeded', $metadata: {} }));

    const error = await caught(center().createFlow(flowInput()));

    expect(error.code).toBe('throttled');
    expect(error.retryable).toBe(true);
  });
});

describe('ConnectContactCenter.updateFlow', () => {
  it('publishes by writing to the flow id when the status is PUBLISHED', async () => {
    connect.on(UpdateContactFlowContentCommand).resolves({});

    await center().updateFlow({ kind: 'flow', id: FLOW_ID, content, status: 'PUBLISHED' });

    expect(totalCalls()).toBe(1);
    expect(connect.commandCalls(UpdateContactFlowContentCommand)[0]?.args[0].input).toEqual({
      InstanceId: INSTANCE_ID,
      ContactFlowId: FLOW_ID,
      Content: content,
    });
  });

  it('updates a module with UpdateContactFlowModuleContent', async () => {
    connect.on(UpdateContactFlowModuleContentCommand).resolves({});

    await center().updateFlow({ kind: 'module', id: 'm1', content, status: 'PUBLISHED' });

    expect(connect.commandCalls(UpdateContactFlowModuleContentCommand)[0]?.args[0].input).toEqual({
      InstanceId: INSTANCE_ID,
      ContactFlowModuleId: 'm1',
      Content: content,
    });
    expect(totalCalls()).toBe(1);
  });

  it('puts problems on the blocks of the content being written when the update is refused', async () => {
    connect.on(UpdateContactFlowContentCommand).rejects(
      new InvalidContactFlowException({
        message: 'Invalid flow',
        $metadata: {},
        problems: [{ message: `Invalid ARN in ${QUEUE_ACTION}` }],
      }),
    );

    const error = await caught(
      center().updateFlow({ kind: 'flow', id: FLOW_ID, content, status: 'PUBLISHED' }),
    );

    expect(error.diagnostics).toEqual([
      expect.objectContaining({ action: QUEUE_ACTION, block: 'Set working queue', severity: 'error' }),
    ]);
  });
});
