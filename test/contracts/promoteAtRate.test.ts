import { describe, expect, it } from 'vitest';
import { CONNECT_RATE, promoteAtRate } from './promoteAtRate.js';

describe('promoteAtRate', () => {
  it('promotes and publishes 40 flows with no throttling within 10% of the time the rate allows', async () => {
    const run = await promoteAtRate({ flows: 40, modules: 4 });

    expect(run.failure).toBeNull();
    expect(run.created).toHaveLength(40);
    expect(run.throttled).toBe(0);
    // Simulated seconds only: the wall clock of a shared machine proves nothing about Connect's rate.
    expect(run.seconds).toBeLessThanOrEqual((run.calls / CONNECT_RATE) * 1.1);
  });

  it('reads the source in bulk: Search pages, not a Describe per flow, and one write per flow', async () => {
    const run = await promoteAtRate({ flows: 40, modules: 4 });

    const calls = (api: string) => run.callsByApi.get(api) ?? 0;
    expect(calls('DescribeContactFlow') + calls('DescribeContactFlowModule')).toBe(0);
    expect(calls('SearchContactFlows') + calls('SearchContactFlowModules')).toBe(2);
    expect(calls('CreateContactFlow') + calls('CreateContactFlowModule')).toBe(40);
  });

  it('approves with the Lambda and Lex lists alone: the approval does not list the whole target again', async () => {
    const run = await promoteAtRate({ flows: 40, modules: 4 });

    const calls = (api: string) => run.callsByApi.get(api) ?? 0;
    // The promote lists both instances once; the approval, a job of its own, lists only the
    // target's flows (create or update) and its integrations (the modules invoke a Lambda function).
    expect(calls('ListQueues')).toBe(2);
    expect(calls('ListContactFlows')).toBe(3);
    expect(calls('ListLambdaFunctions')).toBe(3);
  });
});
