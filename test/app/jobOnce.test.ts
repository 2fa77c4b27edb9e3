import { describe, expect, it } from 'vitest';
import { JOB_LEASE_MS, runJobOnce } from '../../app/jobOnce.js';
import type { Job } from '../../core/ports.js';
import { FixedClock } from '../fakes/fixedClock.js';
import { MemoryClaims } from '../fakes/memoryClaims.js';

const job: Job = { kind: 'import-file', key: 'file:F1:C1', payload: {} };

function setup() {
  const clock = new FixedClock();
  const claims = new MemoryClaims(clock);
  let runs = 0;
  const work = async () => {
    runs += 1;
  };
  return { clock, claims, work, runs: () => runs };
}

describe('runJobOnce', () => {
  it('runs a job delivered twice once (SQS delivers at least once)', async () => {
    const { clock, claims, work, runs } = setup();

    const first = await runJobOnce(claims, clock, job, work);
    const second = await runJobOnce(claims, clock, job, work);

    expect([first, second, runs()]).toEqual(['ran', 'done-before', 1]);
  });

  it('leaves a job to the run that holds it when two deliveries arrive together', async () => {
    const { clock, claims, work, runs } = setup();

    const results = await Promise.all([
      runJobOnce(claims, clock, job, work),
      runJobOnce(claims, clock, job, work),
    ]);

    expect(results.sort()).toEqual(['ran', 'under-way']);
    expect(runs()).toBe(1);
  });

  it("lets the queue's retry run a job whose run failed", async () => {
    const { clock, claims, work, runs } = setup();

    const failed = runJobOnce(claims, clock, job, async () => {
      throw new Error('Slack is down');
    });
    await expect(failed).rejects.toThrow('Slack is down');
    const retried = await runJobOnce(claims, clock, job, work);

    expect([retried, runs()]).toEqual(['ran', 1]);
  });

  it('runs a job whose run died once that run’s lease has expired', async () => {
    const { clock, claims, work, runs } = setup();
    // What a run that died mid-job leaves: its lease, and no record of being done.
    await claims.claimOnce(
      `job-run:${job.key}`,
      new Date(clock.now().getTime() + JOB_LEASE_MS).toISOString(),
    );

    const early = await runJobOnce(claims, clock, job, work);
    clock.advance(JOB_LEASE_MS + 1);
    const later = await runJobOnce(claims, clock, job, work);

    expect([early, later, runs()]).toEqual(['under-way', 'ran', 1]);
  });
});
