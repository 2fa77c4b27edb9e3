import {
  ConnectClient,
  ListBotsCommand,
  ListContactFlowModulesCommand,
  ListContactFlowsCommand,
} from '@aws-sdk/client-connect';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, describe, expect, it } from 'vitest';
import { LazyConnectContactCenter } from '../../../adapters/connect/LazyConnectContactCenter.js';
import { UNLIMITED } from '../../../adapters/connect/rateLimiter.js';

const INSTANCE = 'arn:aws:connect:us-west-2:444455556666:instance/5e2d7c1b-9a4f-4f3e-8b6d-2c1a0f9e8d77';
const connect = mockClient(ConnectClient);

afterAll(() => {
  connect.restore();
});

describe('LazyConnectContactCenter', () => {
  it('makes no request until first used, then answers like the Connect adapter', async () => {
    connect.on(ListContactFlowsCommand).resolves({
      ContactFlowSummaryList: [
        {
          Id: 'f1',
          Arn: `${INSTANCE}/contact-flow/f1`,
          Name: 'Main IVR',
          ContactFlowType: 'CONTACT_FLOW',
          ContactFlowState: 'ACTIVE',
        },
      ],
    });
    connect.on(ListContactFlowModulesCommand).resolves({ ContactFlowModulesSummaryList: [] });
    const center = new LazyConnectContactCenter({
      instanceArn: INSTANCE,
      region: 'us-west-2',
      limiter: UNLIMITED,
      inventoryMaxAgeMs: 60_000,
    });
    expect(connect.calls()).toHaveLength(0);

    const flows = await center.flowInventory();

    expect(center.instanceArn).toBe(INSTANCE);
    expect(flows.resources.map((r) => [r.kind, r.name, r.flowType])).toEqual([
      ['flow', 'Main IVR', 'CONTACT_FLOW'],
    ]);
  });

  it('names Lex V2 aliases with the namer it is given', async () => {
    connect.reset();
    connect.onAnyCommand().resolves({});
    connect.on(ListBotsCommand, { LexVersion: 'V2' }).resolves({
      LexBots: [{ LexV2Bot: { AliasArn: 'arn:aws:lex:us-west-2:444455556666:bot-alias/CLAIMSBOT1/ALIASB' } }],
    });
    const center = new LazyConnectContactCenter({
      instanceArn: INSTANCE,
      region: 'us-west-2',
      limiter: UNLIMITED,
      lexNames: { nameAlias: async () => ({ botName: 'ClaimsBot', aliasName: 'prod' }) },
    });

    const { resources } = await center.inventory();

    expect(resources.filter((r) => r.kind === 'lex-bot').map((r) => r.name)).toEqual(['ClaimsBot/prod']);
  });
});
