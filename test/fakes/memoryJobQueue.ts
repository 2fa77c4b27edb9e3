import type { Job, JobQueue } from '../../core/ports.js';

/** A job queue that keeps what it is given, in order, and runs nothing: listener tests read it. */
export class MemoryJobQueue implements JobQueue {
  readonly jobs: Job[] = [];

  async enqueue(job: Job): Promise<void> {
    // As SQS FIFO and the in-process queue: a key already queued is dropped.
    if (this.jobs.some((queued) => queued.key === job.key)) return;
    this.jobs.push(job);
  }
}
