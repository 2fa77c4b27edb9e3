import {
  AccessDeniedException,
  ConnectClient,
  DescribeContactFlowCommand,
  DescribeInstanceCommand,
  ListQueuesCommand,
  ResourceNotFoundException,
} from '@aws-sdk/client-connect';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { ConnectContactCenterProbe } from '../../../adapters/connect/ConnectContactCenterProbe.js';
import { INVENTORY_LISTS } from '../../../adapters/connect/inventoryLists.js';
import type { Probe } from '../../../core/ports.js';
import { doctor } from '../../../core/service/doctor.js';

const INSTANCE_ID = '5e2d7c1b-9a4f-4f3e-8b6d-2c1a0f9e8d77';
const connect = mockClient(ConnectClient);

afterAll(() => {
  connect.restore();
});

beforeEach(() => {
  connect.reset();
  connect.onAnyCommand().resolves({});
});

const fine: Probe = { subject: 'fine', check: async () => ({ kind: 'ok' }) };

function probe(): ConnectContactCenterProbe {
  return new ConnectContactCenterProbe({
    client: new ConnectClient({ region: 'us-west-2' }),
    instanceId: INSTANCE_ID,
    region: 'us-west-2',
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
  it('asks every List call the inventory makes, so doctor checks what publishing will call', () => {
    const probe = new ConnectContactCenterProbe({
      client: new ConnectClient({ region: 'us-east-1' }),
      instanceId: 'i',
      region: 'us-east-1',
    });
    const listed = new Set(INVENTORY_LISTS.map((list) => list.api.split(' ')[0]));

    expect([...listed].filter((api) => api !== undefined && !probe.operations.includes(api))).toEqual([]);
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

  it('asks each read call for one item', async () => {
    await probe().tryOperation('ListQueues');

    expect(connect.commandCalls(ListQueuesCommand)[0]?.args[0].input).toEqual({
      InstanceId: INSTANCE_ID,
      MaxResults: 1,
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
});
