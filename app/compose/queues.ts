/**
 * The composition root, job queues and the reader of dropped S3 objects.
 */
import { S3Client } from '@aws-sdk/client-s3';
import { SQSClient } from '@aws-sdk/client-sqs';
import { InProcessJobQueue, type InProcessJobQueueOptions } from '../../adapters/local/InProcessJobQueue.js';
import { type S3ObjectReader, s3ObjectReader } from '../../adapters/s3/S3ObjectReader.js';
import { SqsJobQueue } from '../../adapters/sqs/SqsJobQueue.js';
import { MAX_INPUT_BYTES } from '../../core/formats/readFlow.js';
import type { JobQueue } from '../../core/ports.js';

/** The SQS queue the Slack receiver and the webhook hand jobs to the worker through. */
export function sqsQueue(queueUrl: string): JobQueue {
  return new SqsJobQueue({ client: new SQSClient({}), queueUrl });
}

/** The in-process queue `npm start` runs jobs on. */
export function inProcessQueue(options: InProcessJobQueueOptions): InProcessJobQueue {
  return new InProcessJobQueue(options);
}

/** Reads S3 objects that were dropped, refusing those over flowgate's input limit. */
export function dropReader(client: S3Client = new S3Client({})): S3ObjectReader {
  return s3ObjectReader({ client, maxBytes: MAX_INPUT_BYTES });
}
