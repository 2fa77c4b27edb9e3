import { createHash } from 'node:crypto';
import { SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { FlowgateError } from '../../core/errors.js';
import type { Job, JobQueue } from '../../core/ports.js';
import { serializeJob } from './jobMessage.js';

/** What `SqsJobQueue` needs. */
export interface SqsJobQueueOptions {
  readonly client: SQSClient;
  /** A FIFO queue's URL ends in `.fifo`. */
  readonly queueUrl: string;
  /**
   * FIFO only: the message group, within which SQS delivers in order and one at a time. Default
   * the job's `kind`, so one kind's jobs keep their order and kinds do not wait on each other.
   */
  readonly messageGroupId?: (job: Job) => string;
}

/** SQS refuses larger message bodies (its limit is 256 KiB on older queues, 1 MiB on new ones). */
export const MAX_JOB_BYTES = 256 * 1024;

/** SQS ids: at most 128 characters of letters, digits and ASCII punctuation. */
const SQS_ID = /^[\w!"#$%&'()*+,\-./:;<=>?@[\\\]^`{|}~]{1,128}$/;

/**
 * The `JobQueue` on SQS: one `SendMessage` per job with the job as JSON. On a FIFO queue the
 * job's key is the deduplication id (SQS drops a repeat within 5 minutes; the listeners'
 * idempotency keys cover longer); a standard queue gets the body alone.
 */
export class SqsJobQueue implements JobQueue {
  readonly #client: SQSClient;
  readonly #queueUrl: string;
  readonly #fifo: boolean;
  readonly #groupOf: (job: Job) => string;

  constructor(options: SqsJobQueueOptions) {
    this.#client = options.client;
    this.#queueUrl = options.queueUrl;
    this.#fifo = options.queueUrl.endsWith('.fifo');
    this.#groupOf = options.messageGroupId ?? ((job) => job.kind);
  }

  async enqueue(job: Job): Promise<void> {
    const body = serializeJob(job);
    if (Buffer.byteLength(body, 'utf8') > MAX_JOB_BYTES)
      throw new FlowgateError(
        'job-too-large',
        `Job ${job.kind} ${job.key} is ${Buffer.byteLength(body, 'utf8')} bytes as JSON; SQS takes ${MAX_JOB_BYTES}`,
      );
    try {
      await this.#client.send(
        new SendMessageCommand({
          QueueUrl: this.#queueUrl,
          MessageBody: body,
          ...(this.#fifo
            ? { MessageGroupId: sqsId(this.#groupOf(job)), MessageDeduplicationId: sqsId(job.key) }
            : {}),
        }),
      );
    } catch (error) {
      const detail = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      throw new FlowgateError('job-queue-failed', `Could not queue job ${job.kind} ${job.key}: ${detail}`, {
        cause: error,
      });
    }
  }
}

/** `value` when SQS accepts it as an id, else its SHA-256 (same key, same id). */
export function sqsId(value: string): string {
  return SQS_ID.test(value) ? value : createHash('sha256').update(value, 'utf8').digest('hex');
}
