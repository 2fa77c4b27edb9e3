import { z } from 'zod';
import { FlowgateError } from '../../core/errors.js';
import type { Job } from '../../core/ports.js';

const jobSchema = z.object({
  kind: z.string().min(1),
  key: z.string().min(1),
  payload: z.record(z.string(), z.unknown()),
});

/** A job as a queue message body (JSON). */
export function serializeJob(job: Job): string {
  return JSON.stringify({ kind: job.kind, key: job.key, payload: job.payload });
}

/** A job from a queue message body (the worker's SQS records); throws `FlowgateError` `invalid-job` when it is not one. */
export function parseJobMessage(body: string): Job {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch (error) {
    throw new FlowgateError('invalid-job', 'Queue message body is not JSON', { cause: error });
  }
  const parsed = jobSchema.safeParse(json);
  if (!parsed.success)
    throw new FlowgateError('invalid-job', `Queue message body is not a job: ${parsed.error.message}`, {
      cause: parsed.error,
    });
  return parsed.data;
}
