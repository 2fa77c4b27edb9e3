import type { Claims, Clock, Job } from '../core/ports.js';

/** How long a run holds its job: longer than the worker runs (5 minutes), shorter than SQS's visibility timeout (30). */
export const JOB_LEASE_MS = 10 * 60_000;
/** How long a finished job is remembered: longer than SQS would deliver it again. */
export const JOB_DONE_MS = 24 * 3_600_000;

/** What became of a delivery of a job. */
export type JobRun = 'ran' | 'done-before' | 'under-way';

/**
 * Runs a queued job at most once to completion, however often the queue delivers it (SQS
 * delivers at least once): a job finished before is skipped, a job another run holds is left to
 * it. A run that throws lets go of its job, so the queue's retry runs it; a run that dies keeps
 * it until its lease expires, before the queue delivers the job again.
 */
export async function runJobOnce(
  claims: Claims,
  clock: Clock,
  job: Job,
  run: () => Promise<void>,
): Promise<JobRun> {
  const done = `job-done:${job.key}`;
  const lease = `job-run:${job.key}`;
  if (await claims.hasClaim(done)) return 'done-before';
  if (!(await claims.claimOnce(lease, after(clock, JOB_LEASE_MS)))) return 'under-way';
  try {
    await run();
    await claims.claimOnce(done, after(clock, JOB_DONE_MS));
    return 'ran';
  } finally {
    await claims.releaseClaim(lease);
  }
}

function after(clock: Clock, ms: number): string {
  return new Date(clock.now().getTime() + ms).toISOString();
}

/**
 * Lets go of the lease a run of `job` holds, for a host that knows that run is dead: the local
 * server on start, recovering jobs its previous process (one per data folder) accepted and was
 * killed while running. Without this the job would wait out the lease and be skipped meanwhile.
 */
export async function releaseAbandonedRun(claims: Claims, job: Job): Promise<void> {
  await claims.releaseClaim(`job-run:${job.key}`);
}
