import { gunzipSync } from 'node:zlib';
import { ConditionalCheckFailedException, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  type PutCommandInput,
  QueryCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import {
  DynamoVersionStore,
  type DynamoVersionStoreOptions,
} from '../../../adapters/dynamo/DynamoVersionStore.js';
import { encodeVersion } from '../../../adapters/dynamo/versionItems.js';
import { FlowgateError, ServiceError } from '../../../core/errors.js';
import { draftOf, requestOf } from '../../contracts/versionStore.contract.js';
import { FixedClock } from '../../fakes/fixedClock.js';
import { MemoryFileStore } from '../../fakes/memoryFileStore.js';

const documents = mockClient(DynamoDBDocumentClient);

beforeEach(() => {
  documents.reset();
});

afterAll(() => {
  documents.restore();
});

function storeWith(options: Partial<DynamoVersionStoreOptions> = {}): DynamoVersionStore {
  return new DynamoVersionStore({
    client: new DynamoDBClient({
      region: 'local',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    }),
    tableName: 'versions',
    files: new MemoryFileStore(),
    clock: new FixedClock('2026-11-21T10:00:00.000Z'),
    appendRetry: { baseDelayMs: 0 },
    ...options,
  });
}

function conflict(): ConditionalCheckFailedException {
  return new ConditionalCheckFailedException({ message: 'The conditional request failed', $metadata: {} });
}

/** A stored version item, as the store itself encodes it. */
async function versionItem(text: string, number: number): Promise<Record<string, unknown>> {
  const encoded = await encodeVersion(draftOf(text), new MemoryFileStore(), 300_000);
  return {
    pk: 'ENV#test#FLOW#flow:Main IVR',
    sk: `V#${String(number).padStart(10, '0')}`,
    item: 'version',
    number,
    ...encoded,
  };
}

/** The Put inputs sent so far for version items. */
function versionPuts(): PutCommandInput[] {
  return documents
    .commandCalls(PutCommand)
    .map((call) => call.args[0].input)
    .filter((input) => String(input.Item?.sk).startsWith('V#'));
}

describe('DynamoVersionStore', () => {
  describe('appendVersion', () => {
    it('re-reads the latest and writes the next number when another append took its number', async () => {
      documents
        .on(QueryCommand)
        .resolvesOnce({ Items: [] })
        .resolves({ Items: [await versionItem('someone else', 1)] });
      let versionWrites = 0;
      documents.on(PutCommand).callsFake((input: PutCommandInput) => {
        if (String(input.Item?.sk).startsWith('V#') && ++versionWrites === 1) throw conflict();
        return {};
      });

      const result = await storeWith().appendVersion(draftOf('mine'));

      expect([result.version.number, result.created]).toEqual([2, true]);
      expect(versionPuts().map((input) => input.Item?.sk)).toEqual(['V#0000000001', 'V#0000000002']);
    });

    it('returns the version that won when a concurrent append of the same draft took the number', async () => {
      documents
        .on(QueryCommand)
        .resolvesOnce({ Items: [] })
        .resolves({ Items: [await versionItem('same', 1)] });
      documents.on(GetCommand).resolves({ Item: await versionItem('same', 1) });
      documents.on(PutCommand).callsFake((input: PutCommandInput) => {
        if (String(input.Item?.sk).startsWith('V#')) throw conflict();
        return {};
      });

      const result = await storeWith().appendVersion(draftOf('same'));

      expect([result.version.number, result.created]).toEqual([1, false]);
      expect(versionPuts()).toHaveLength(1);
    });

    it('gives up with append-contention when every try conflicts', async () => {
      documents.on(QueryCommand).resolves({ Items: [] });
      documents.on(PutCommand).callsFake((input: PutCommandInput) => {
        if (String(input.Item?.sk).startsWith('V#')) throw conflict();
        return {};
      });

      const append = storeWith({ appendRetry: { attempts: 3, baseDelayMs: 0 } }).appendVersion(
        draftOf('mine'),
      );

      await expect(append).rejects.toMatchObject({ name: 'FlowgateError', code: 'append-contention' });
      expect(versionPuts()).toHaveLength(3);
    });

    it('writes a version item with its summary, its gzip body inline and a create-only condition', async () => {
      documents.on(QueryCommand).resolves({ Items: [] });
      documents.on(PutCommand).resolves({});
      const draft = draftOf('one');

      await storeWith().appendVersion(draft);

      const [put] = versionPuts();
      expect(put?.ConditionExpression).toBe('attribute_not_exists(pk)');
      expect(put?.Item).toMatchObject({
        pk: 'ENV#test#FLOW#flow:Main IVR',
        sk: 'V#0000000001',
        number: 1,
        contentHash: draft.contentHash,
        diagnostics: draft.diagnostics,
        diagnosticsInBody: false,
      });
      const body = JSON.parse(gunzipSync(put?.Item?.bodyGzip).toString('utf8'));
      expect(body).toMatchObject({
        content: draft.content,
        original: draft.original,
        references: draft.references,
      });
    });

    it('lists the flow in its environment before writing its first version', async () => {
      documents.on(QueryCommand).resolves({ Items: [] });
      documents.on(PutCommand).resolves({});

      await storeWith().appendVersion(draftOf('one'));

      expect(documents.commandCalls(PutCommand).map((call) => call.args[0].input.Item?.pk)).toEqual([
        'ENV#test#FLOWS',
        'ENV#test#FLOW#flow:Main IVR',
      ]);
    });

    it('succeeds without moving the head when a newer append already moved it', async () => {
      documents.on(QueryCommand).resolves({ Items: [] });
      documents.on(PutCommand).resolves({});
      documents.on(UpdateCommand).rejects(conflict());

      const result = await storeWith().appendVersion(draftOf('one'));

      expect(result.created).toBe(true);
      expect(documents.commandCalls(UpdateCommand)[0]?.args[0].input.ConditionExpression).toBe(
        'attribute_not_exists(pk) OR latest < :n',
      );
    });
  });

  describe('getVersion', () => {
    it('throws corrupt-item naming the key and the field when the item is malformed', async () => {
      const item = { ...(await versionItem('one', 1)), contentHash: 42 };
      documents.on(GetCommand).resolves({ Item: item });

      const read = storeWith().getVersion('test', 'flow:Main IVR', 1);

      await expect(read).rejects.toThrow(FlowgateError);
      await expect(read).rejects.toThrow(
        /ENV#test#FLOW#flow:Main IVR \/ V#0000000001 is not a valid version: contentHash:/,
      );
    });

    it('throws version-store-failed with the cause when DynamoDB fails after its own retries', async () => {
      const cause = new Error('socket hang up');
      documents.on(GetCommand).rejects(cause);

      const read = storeWith().getVersion('test', 'flow:Main IVR', 1);

      await expect(read).rejects.toMatchObject({ code: 'version-store-failed', cause });
      await expect(read).rejects.toThrow('DynamoDB get on versions failed');
    });
  });

  describe('markPublished', () => {
    it('throws ServiceError not-found when the flow has no head', async () => {
      documents.on(UpdateCommand).rejects(conflict());

      const mark = storeWith().markPublished('test', 'flow:Main IVR', 1, null);

      await expect(mark).rejects.toThrow(ServiceError);
      await expect(mark).rejects.toMatchObject({ code: 'not-found' });
    });
  });

  describe('createRequest', () => {
    it('keeps the expiry out of the TTL attribute so decided requests are never deleted', async () => {
      documents.on(PutCommand).resolves({});
      const request = requestOf('req-1');

      await storeWith().createRequest(request);

      const stored = documents.commandCalls(PutCommand)[1]?.args[0].input.Item;
      expect(stored).toMatchObject({
        pk: 'ENV#test#FLOW#flow:Main IVR',
        sk: 'REQ#req-1',
        requestExpiresAt: request.expiresAt,
      });
      expect(stored).not.toHaveProperty('expiresAt');
    });

    it('writes the pointer by id first and stops with a conflict when the id exists', async () => {
      documents.on(PutCommand).rejects(conflict());

      await expect(storeWith().createRequest(requestOf('req-1'))).rejects.toMatchObject({ code: 'conflict' });
      expect(documents.commandCalls(PutCommand).map((call) => call.args[0].input.Item?.pk)).toEqual([
        'REQ#req-1',
      ]);
    });
  });

  describe('transitionRequest', () => {
    it('conditions a pending transition on the state and on not being expired now', async () => {
      documents
        .on(GetCommand)
        .resolves({ Item: { pk: 'REQ#req-1', sk: '-', env: 'test', flowKey: 'flow:Main IVR' } });
      documents.on(UpdateCommand).rejects(conflict());

      const moved = await storeWith().transitionRequest('req-1', 'pending', 'approved', {
        decidedBy: 'U0BOB',
      });

      expect(moved).toBeNull();
      expect(documents.commandCalls(UpdateCommand)[0]?.args[0].input).toMatchObject({
        Key: { pk: 'ENV#test#FLOW#flow:Main IVR', sk: 'REQ#req-1' },
        ConditionExpression: 'attribute_exists(pk) AND (#state = :pending AND #expires > :now)',
        ExpressionAttributeValues: {
          ':now': '2026-11-21T10:00:00.000Z',
          ':to': 'approved',
          ':decidedBy': 'U0BOB',
        },
      });
    });
  });

  describe('claimOnce', () => {
    it('stores the exact expiry and a TTL in whole seconds rounded up', async () => {
      documents.on(PutCommand).resolves({});

      await storeWith().claimOnce('slack:Ev1', '2026-11-21T10:05:00.500Z');

      expect(documents.commandCalls(PutCommand)[0]?.args[0].input.Item).toEqual({
        pk: 'IDEMP#slack:Ev1',
        sk: '-',
        item: 'idempotency',
        until: '2026-11-21T10:05:00.500Z',
        expiresAt: Date.parse('2026-11-21T10:05:01.000Z') / 1000,
      });
    });

    it('returns false when the key is held', async () => {
      documents.on(PutCommand).rejects(conflict());

      expect(await storeWith().claimOnce('slack:Ev1', '2026-11-21T10:05:00.000Z')).toBe(false);
    });
  });

  describe('listAudit', () => {
    it('reads only the months from `since` on, newest first', async () => {
      documents.on(GetCommand).resolves({
        Item: { pk: 'ENV#test#AUDIT', sk: 'MONTHS', months: new Set(['2026-09', '2026-11', '2026-10']) },
      });
      documents.on(QueryCommand).resolves({ Items: [] });

      await storeWith().listAudit('test', '2026-10-15T00:00:00.000Z');

      expect(
        documents
          .commandCalls(QueryCommand)
          .map((call) => call.args[0].input.ExpressionAttributeValues?.[':pk']),
      ).toEqual(['ENV#test#AUDIT#2026-11', 'ENV#test#AUDIT#2026-10']);
    });
  });
});
