import {
  AccessDeniedException,
  ConnectClient,
  DescribeContactFlowCommand,
  DescribeInstanceCommand,
  ListBotsCommand,
  ListQueuesCommand,
  ResourceNotFoundException,
} from '@aws-sdk/client-connect';
import {
  DescribeBotAliasCommand,
  DescribeBotCommand,
  LexModelsV2Client,
  LexModelsV2ServiceException,
  ResourceNotFoundException as LexResourceNotFound,
} from '@aws-sdk/client-lex-models-v2';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { ConnectContactCenterProbe } from '../../../adapters/connect/ConnectContactCenterProbe.js';
import { FLOW_SEARCHES } from '../../../adapters/connect/flowSearch.js';
import { INVENTORY_LISTS } from '../../../adapters/connect/inventoryLists.js';
import type { Probe } from '../../../core/ports.js';
import { doctor } from '../../../core/service/doctor.js';

const INSTANCE_ID = '5e2d7c1b-9a4f-4f3e-8b6d-2c1a0f9e8d77';
const connect = mockClient(ConnectClient);
const lex = mockClient(LexModelsV2Client);

afterAll(() => {
  connect.restore();
  lex.restore();
});

beforeEach(() => {
  connect.reset();
  connect.onAnyCommand().resolves({});
  lex.reset();
  lex.onAnyCommand().resolves({});
});

const lexRegions: string[] = [];
const lexClientFor = (region: string) => {
  lexRegions.push(region);
  return new LexModelsV2Client({ region, credentials: { accessKeyId: 'l', secretAccessKey: 'l' } });
};

const fine: Probe = { subject: 'fine', check: async () => ({ kind: 'ok' }) };

function probe(): ConnectContactCenterProbe {
  return new ConnectContactCenterProbe({
    client: new ConnectClient({ region: 'us-west-2' }),
    instanceId: INSTANCE_ID,
    region: 'us-west-2',
    lexClientFor,
  });
}

/** Connect's answer to a call the caller's IAM policy does not allow (HTTP 403). */
function denied(action: string): AccessDeniedException {
  return new AccessDeniedException({
    message: `User: arn:aws:sts::444455556666:assumed-role/ci/deploy is not authorized to perform: ${action}`,
    $metadata: { httpStatusCode: 403 },
  });
}

describe('ConnectContactCenterProbe', () => {
  it('asks each List call of the inventory and each Search of publishing, as they are made, for one item', async () => {
    const client = new ConnectClient({ region: 'us-west-2' });
    const made: unknown[] = [];
    const asked: unknown[] = [];
    for (const list of INVENTORY_LISTS) {
      connect.resetHistory();
      await list.page(client, INSTANCE_ID, undefined, list.pageSize ?? undefined);
      made.push({ ...connect.call(0).args[0].input, MaxResults: 1 });
      connect.resetHistory();
      await probe().tryOperation(list.api);
      asked.push(connect.call(0).args[0].input);
    }
    for (const search of Object.values(FLOW_SEARCHES)) {
      connect.resetHistory();
      await probe().tryOperation(search.api);
      asked.push(connect.call(0).args[0].input);
      made.push({ InstanceId: INSTANCE_ID, MaxResults: 1 });
    }

    expect(asked).toEqual(made);
    expect(probe().operations).toEqual([
      ...INVENTORY_LISTS.map((list) => list.api),
      'SearchContactFlows',
      'SearchContactFlowModules',
      'DescribeContactFlow',
      'DescribeContactFlowModule',
      'DescribeBot (Lex V2)',
      'DescribeBotAlias (Lex V2)',
    ]);
  });

  it('reports a problem naming the IAM action when one List call is denied', async () => {
    connect
      .on(DescribeInstanceCommand)
      .resolves({ Instance: { InstanceAlias: 'acme-prod', InstanceStatus: 'ACTIVE' } });
    connect.on(ListQueuesCommand).rejects(denied('connect:ListQueues'));

    const report = await doctor(
      { contactCenter: probe(), table: fine, bucket: fine, slack: fine },
      { env: 'prod' },
    );

    const problems = report.checks.filter((c) => c.outcome === 'problem');
    expect(report.ok).toBe(false);
    expect(problems).toEqual([
      {
        check: 'may call ListQueues',
        outcome: 'problem',
        detail: expect.stringContaining('grant connect:ListQueues'),
      },
    ]);
    expect(report.checks[0]).toEqual({
      check: `Amazon Connect instance ${INSTANCE_ID} in us-west-2`,
      outcome: 'ok',
      detail: 'exists (acme-prod), ACTIVE',
    });
  });

  it('asks for standard queues only, as the inventory does, one item', async () => {
    await probe().tryOperation('ListQueues');

    expect(connect.commandCalls(ListQueuesCommand)[0]?.args[0].input).toEqual({
      InstanceId: INSTANCE_ID,
      QueueTypes: ['STANDARD'],
      MaxResults: 1,
    });
  });

  it('names connect:ListBots when the Lex V1 listing is denied', async () => {
    connect.on(ListBotsCommand, { LexVersion: 'V1' }).rejects(denied('connect:ListBots'));

    expect(await probe().tryOperation('ListBots (V1)')).toEqual({
      kind: 'denied',
      action: 'connect:ListBots',
      message: expect.stringContaining('connect:ListBots'),
    });
  });

  it('counts a Describe of a flow nobody has as allowed (IAM let it through to the lookup)', async () => {
    connect.on(DescribeContactFlowCommand).rejects(
      new ResourceNotFoundException({
        message: 'ContactFlow not found',
        $metadata: { httpStatusCode: 404 },
      }),
    );

    const answer = await probe().tryOperation('DescribeContactFlow');

    expect(answer).toEqual({ kind: 'ok', detail: 'allowed' });
  });

  it('reports the instance not found, and leaves the calls unchecked, when the instance does not exist', async () => {
    connect
      .on(DescribeInstanceCommand)
      .rejects(
        new ResourceNotFoundException({ message: 'Instance not found', $metadata: { httpStatusCode: 404 } }),
      );

    const report = await doctor(
      { contactCenter: probe(), table: fine, bucket: fine, slack: fine },
      { env: 'prod' },
    );

    expect(report.checks[0]).toEqual({
      check: `Amazon Connect instance ${INSTANCE_ID} in us-west-2`,
      outcome: 'problem',
      detail: expect.stringContaining(`not found: no instance ${INSTANCE_ID} in this account and Region`),
    });
    expect(report.checks.filter((c) => c.check.startsWith('may call')).map((c) => c.outcome)).toEqual(
      probe().operations.map(() => 'unchecked'),
    );
    expect(connect.commandCalls(ListQueuesCommand)).toHaveLength(0);
  });

  describe('the Lex V2 calls that name aliases', () => {
    const ALIAS = 'arn:aws:lex:ca-central-1:444455556666:bot-alias/CLAIMSBOT1/ALIASB';

    it('asks DescribeBot and DescribeBotAlias about the first alias the instance lists, in its Region', async () => {
      connect
        .on(ListBotsCommand, { LexVersion: 'V2' })
        .resolves({ LexBots: [{ LexV2Bot: { AliasArn: ALIAS } }] });
      lexRegions.length = 0;
      const target = probe();

      const answers = [
        await target.tryOperation('DescribeBot (Lex V2)'),
        await target.tryOperation('DescribeBotAlias (Lex V2)'),
      ];

      expect(answers).toEqual([
        { kind: 'ok', detail: 'allowed' },
        { kind: 'ok', detail: 'allowed' },
      ]);
      expect(lex.commandCalls(DescribeBotCommand)[0]?.args[0].input).toEqual({ botId: 'CLAIMSBOT1' });
      expect(lex.commandCalls(DescribeBotAliasCommand)[0]?.args[0].input).toEqual({
        botId: 'CLAIMSBOT1',
        botAliasId: 'ALIASB',
      });
      expect(lexRegions).toEqual(['ca-central-1', 'ca-central-1']);
      expect(connect.commandCalls(ListBotsCommand)).toHaveLength(1);
    });

    it('reports a problem naming lex:DescribeBot when Lex refuses it', async () => {
      connect
        .on(ListBotsCommand, { LexVersion: 'V2' })
        .resolves({ LexBots: [{ LexV2Bot: { AliasArn: ALIAS } }] });
      connect
        .on(DescribeInstanceCommand)
        .resolves({ Instance: { InstanceAlias: 'acme-prod', InstanceStatus: 'ACTIVE' } });
      lex.on(DescribeBotCommand).rejects(
        new LexModelsV2ServiceException({
          name: 'AccessDeniedException',
          $fault: 'client',
          message:
            'User: arn:aws:sts::444455556666:assumed-role/ci/deploy is not authorized to perform: lex:DescribeBot',
          $metadata: { httpStatusCode: 403 },
        }),
      );
      lex
        .on(DescribeBotAliasCommand)
        .rejects(
          new LexResourceNotFound({ message: 'Could not find alias', $metadata: { httpStatusCode: 404 } }),
        );

      const report = await doctor(
        { contactCenter: probe(), table: fine, bucket: fine, slack: fine },
        { env: 'prod' },
      );

      expect(report.checks.filter((c) => c.check.includes('(Lex V2)'))).toEqual([
        {
          check: 'may call DescribeBot (Lex V2)',
          outcome: 'problem',
          detail: expect.stringContaining('not allowed: grant lex:DescribeBot to these credentials'),
        },
        { check: 'may call DescribeBotAlias (Lex V2)', outcome: 'ok', detail: 'allowed' },
      ]);
    });

    it('says it could not check them when the instance lists no Lex V2 bot', async () => {
      connect.on(ListBotsCommand, { LexVersion: 'V2' }).resolves({ LexBots: [] });

      expect(await probe().tryOperation('DescribeBot (Lex V2)')).toEqual({
        kind: 'unchecked',
        message: 'the instance lists no Lex V2 bot, so there is none to name and nothing to ask',
      });
      expect(lex.calls()).toHaveLength(0);
    });

    it('says it could not check them when the bots cannot be listed', async () => {
      connect.on(ListBotsCommand, { LexVersion: 'V2' }).rejects(denied('connect:ListBots'));

      expect(await probe().tryOperation('DescribeBotAlias (Lex V2)')).toEqual({
        kind: 'unchecked',
        message: expect.stringContaining(
          "the instance's Lex V2 bots could not be listed to pick one to ask about",
        ),
      });
    });
  });
});
