import { SendMessageCommand, SQSClient, SQSServiceException } from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { parseJobMessage } from '../../../adapters/sqs/jobMessage.js';
import { MAX_JOB_BYTES, SqsJobQueue, sqsId } from '../../../adapters/sqs/SqsJobQueue.js';
import type { Job } from '../../../core/ports.js';

const sqs = mockClient(SQSClient);

beforeEach(() => {
  sqs.reset();
  sqs.on(SendMessageCommand).resolves({ MessageId: 'm-1' });
});

afterAll(() => {
  sqs.restore();
});

const STANDARD_URL = 'https://sqs.eu-west-1.amazonaws.com/123456789012/flowgate-jobs';
const FIFO_URL = 'https://sqs.eu-west-1.amazonaws.com/123456789012/flowgate-jobs.fifo';

const JOB: Job = {
  kind: 'import-file',
  key: 'file:F0ABCDEF12',
  payload: { fileId: 'F0ABCDEF12', channel: 'C0FLOWS001', user: 'U0EDITOR01', comment: 'Grüße' },
};

function queue(queueUrl: string): SqsJobQueue {
  const client = new SQSClient({
    region: 'eu-west-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  return new SqsJobQueue({ client, queueUrl });
}

function sent(): Record<string, unknown> {
  return { ...sqs.commandCalls(SendMessageCommand)[0]?.args[0].input };
}

describe('SqsJobQueue', () => {
  it('sends the job as a JSON body the worker parses back when it enqueues', async () => {
    await queue(STANDARD_URL).enqueue(JOB);

    expect(parseJobMessage(String(sent().MessageBody))).toEqual(JOB);
  });

  it('sends only the queue URL and body when the queue is standard', async () => {
    await queue(STANDARD_URL).enqueue(JOB);

    expect(Object.keys(sent()).sort()).toEqual(['MessageBody', 'QueueUrl']);
  });

  it('uses the job key as deduplication id and the kind as group when the queue is FIFO', async () => {
    await queue(FIFO_URL).enqueue(JOB);

    expect(sent()).toMatchObject({
      MessageDeduplicationId: 'file:F0ABCDEF12',
      MessageGroupId: 'import-file',
    });
  });

  it('throws job-too-large without sending when the job is over the SQS limit', async () => {
    const big: Job = { ...JOB, payload: { text: 'x'.repeat(MAX_JOB_BYTES) } };

    const outcome = await queue(STANDARD_URL)
      .enqueue(big)
      .catch((error: unknown) => error);

    expect([outcome, sqs.commandCalls(SendMessageCommand)]).toEqual([
      expect.objectContaining({ code: 'job-too-large' }),
      [],
    ]);
  });

  it('throws job-queue-failed with the SDK error as cause when SQS refuses', async () => {
    const refusal = new SQSServiceException({
      name: 'QueueDoesNotExist',
      $fault: 'client',
      $metadata: {},
      message: 'The specified queue does not exist.',
    });
    sqs.on(SendMessageCommand).rejects(refusal);

    await expect(queue(STANDARD_URL).enqueue(JOB)).rejects.toMatchObject({
      code: 'job-queue-failed',
      cause: refusal,
    });
  });
});

describe('sqsId', () => {
  it.each([
    ['keeps a key SQS accepts', 'event:Ev0123ABC', 'event:Ev0123ABC'],
    ['hashes a key with characters SQS refuses', 'file:F1 größe', expect.stringMatching(/^[0-9a-f]{64}$/)],
    ['hashes a key longer than 128 characters', 'k'.repeat(129), expect.stringMatching(/^[0-9a-f]{64}$/)],
  ])('%s', (_case, key, expected) => {
    expect(sqsId(key)).toEqual(expected);
  });
});
