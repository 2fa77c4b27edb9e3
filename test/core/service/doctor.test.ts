import { describe, expect, it } from 'vitest';
import type { ContactCenterProbe, Probe, ProbeAnswer } from '../../../core/ports.js';
import { doctor } from '../../../core/service/doctor.js';

function probe(subject: string, answer: ProbeAnswer): Probe {
  return { subject, check: async () => answer };
}

const instance: ContactCenterProbe = {
  subject: 'instance i-1',
  operations: ['ListQueues'],
  describeInstance: async () => ({ kind: 'ok' }),
  tryOperation: async () => ({ kind: 'ok', detail: 'allowed' }),
};

describe('doctor', () => {
  it('passes when some checks could not be asked but none found a problem', async () => {
    const report = await doctor(
      {
        contactCenter: instance,
        table: probe('table', { kind: 'ok' }),
        bucket: probe('bucket', { kind: 'ok' }),
        slack: probe('Slack bot token', { kind: 'unchecked', message: 'SLACK_BOT_TOKEN is not set' }),
      },
      { env: 'prod' },
    );

    expect(report.ok).toBe(true);
    expect(report.checks.at(-1)).toEqual({
      check: 'Slack bot token',
      outcome: 'unchecked',
      detail: 'SLACK_BOT_TOKEN is not set',
    });
  });

  it('fails naming the grant when the bucket is denied', async () => {
    const report = await doctor(
      {
        contactCenter: instance,
        table: probe('table', { kind: 'ok' }),
        bucket: probe('S3 bucket files', { kind: 'denied', action: 's3:ListBucket', message: 'Forbidden' }),
        slack: probe('Slack bot token', { kind: 'ok' }),
      },
      { env: 'prod' },
    );

    expect(report.ok).toBe(false);
    expect(report.checks.find((c) => c.check === 'S3 bucket files')?.detail).toBe(
      'not allowed: grant s3:ListBucket to these credentials (Forbidden)',
    );
  });
});
