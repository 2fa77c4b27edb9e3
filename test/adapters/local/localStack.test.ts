import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DescribeTableCommand, GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { GetObjectCommand, HeadBucketCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalStack, startLocalStack } from '../../../adapters/local/localStack.js';
import { findRunningStack } from '../../../adapters/local/stackLock.js';
import { FlowgateError } from '../../../core/errors.js';

const scratch = mkdtempSync(join(tmpdir(), 'flowgate-stack-'));
const stacks: LocalStack[] = [];

/** Starts a stack that afterAll stops, whatever the test did. */
async function start(dataDir: string): Promise<LocalStack> {
  const stack = await startLocalStack({ dataDir });
  stacks.push(stack);
  return stack;
}

afterAll(async () => {
  await Promise.all(stacks.map((stack) => stack.stop()));
  rmSync(scratch, { recursive: true, force: true });
});

async function putItem(stack: LocalStack, pk: string, value: string): Promise<void> {
  await stack.dynamoClient.send(
    new PutItemCommand({
      TableName: stack.tableName,
      Item: { pk: { S: pk }, sk: { S: '-' }, value: { S: value } },
    }),
  );
}

async function getItemValue(stack: LocalStack, pk: string): Promise<string | undefined> {
  const got = await stack.dynamoClient.send(
    new GetItemCommand({
      TableName: stack.tableName,
      Key: { pk: { S: pk }, sk: { S: '-' } },
      ConsistentRead: true,
    }),
  );
  return got.Item?.value?.S;
}

async function putObject(stack: LocalStack, key: string, body: string): Promise<void> {
  await stack.s3Client.send(
    new PutObjectCommand({ Bucket: stack.bucket, Key: key, Body: new TextEncoder().encode(body) }),
  );
}

async function getObjectText(stack: LocalStack, key: string): Promise<string | undefined> {
  const got = await stack.s3Client.send(new GetObjectCommand({ Bucket: stack.bucket, Key: key }));
  return got.Body?.transformToString();
}

describe('startLocalStack', () => {
  let stack: LocalStack;
  const dataDir = join(scratch, 'running');

  beforeAll(async () => {
    stack = await start(dataDir);
  });

  it('listens on loopback for DynamoDB and S3', () => {
    expect(stack.dynamoEndpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(stack.s3Endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(stack.s3Endpoint).not.toBe(stack.dynamoEndpoint);
  });

  it('creates the version table with pk and sk keys', async () => {
    const { Table } = await stack.dynamoClient.send(new DescribeTableCommand({ TableName: stack.tableName }));

    expect(Table?.TableStatus).toBe('ACTIVE');
    expect(Table?.KeySchema).toEqual([
      { AttributeName: 'pk', KeyType: 'HASH' },
      { AttributeName: 'sk', KeyType: 'RANGE' },
    ]);
  });

  it('creates the bucket', async () => {
    const head = await stack.s3Client.send(new HeadBucketCommand({ Bucket: stack.bucket }));

    expect(head.$metadata.httpStatusCode).toBe(200);
  });

  it('reads back an item written through its DynamoDB client', async () => {
    await putItem(stack, 'ENV#test#FLOW#flow:Main IVR', 'v1');

    expect(await getItemValue(stack, 'ENV#test#FLOW#flow:Main IVR')).toBe('v1');
  });

  it('reads back an object written through its S3 client, byte for byte', async () => {
    const body = JSON.stringify({ Version: '2019-10-30', note: 'é ✓' });

    await putObject(stack, 'incoming/test/main-ivr.json', body);

    expect(await getObjectText(stack, 'incoming/test/main-ivr.json')).toBe(body);
  });

  it('reports an ObjectCreated event for an object put in the bucket', async () => {
    const events: unknown[] = [];
    const stopListening = stack.onS3Event((event) => events.push(event));

    await putObject(stack, 'incoming/test/billing.json', '{}');
    stopListening();

    expect(events).toMatchObject([
      {
        Records: [
          {
            eventName: 'ObjectCreated:Put',
            s3: { bucket: { name: 'flowgate-local' }, object: { key: 'incoming/test/billing.json' } },
          },
        ],
      },
    ]);
  });

  it('says where it listens to another caller while it runs', async () => {
    expect(await findRunningStack(dataDir)).toEqual({
      pid: process.pid,
      dynamoEndpoint: stack.dynamoEndpoint,
      s3Endpoint: stack.s3Endpoint,
      tableName: 'flowgate',
      bucket: 'flowgate-local',
    });
  });

  it('refuses to start a second stack on the same data folder', async () => {
    const second = await startLocalStack({ dataDir }).then(
      () => null,
      (error: unknown) => error,
    );

    expect(second).toBeInstanceOf(FlowgateError);
    expect((second as FlowgateError).code).toBe('local-stack-running');
  });
});

describe('LocalStack.stop', () => {
  it('keeps the data for the next start on the same data folder', async () => {
    const dataDir = join(scratch, 'restart');
    const first = await start(dataDir);
    await putItem(first, 'IDEMP#upload-1', 'kept');
    await putObject(first, 'versions/abc.json', 'kept too');
    await first.stop();

    const second = await start(dataDir);

    expect(await getItemValue(second, 'IDEMP#upload-1')).toBe('kept');
    expect(await getObjectText(second, 'versions/abc.json')).toBe('kept too');
  });

  it('releases the data folder so nothing reads as running', async () => {
    const dataDir = join(scratch, 'released');
    const stack = await start(dataDir);

    await stack.stop();

    expect(await findRunningStack(dataDir)).toBeNull();
  });
});
