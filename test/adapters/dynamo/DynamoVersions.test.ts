import { gunzipSync } from 'node:zlib';
import {
  GetCommand,
  type GetCommandInput,
  PutCommand,
  type PutCommandInput,
  QueryCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { DynamoVersions, type DynamoVersionsOptions } from '../../../adapters/dynamo/DynamoVersions.js';
import { encodeVersion } from '../../../adapters/dynamo/versionItems.js';
import { FlowgateError, ServiceError } from '../../../core/errors.js';
import { draftOf } from '../../contracts/storeFixtures.js';
import { FixedClock } from '../../fakes/fixedClock.js';
import { MemoryFileStore } from '../../fakes/memoryFileStore.js';
import { conflict, mockDocumentClient, mockedTable } from './documentClientMock.js';

const documents = mockDocumentClient();

function versionsWith(options: Partial<DynamoVersionsOptions> = {}): DynamoVersions {
  return new DynamoVersions({
    ...mockedTable(),
    files: new MemoryFileStore(),
    clock: new FixedClock('2026-11-21T10:00:00.000Z'),
    appendRetry: { baseDelayMs: 0 },
    ...options,
  });
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

describe('DynamoVersions', () => {
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

      const result = await versionsWith().appendVersion(draftOf('mine'));

      expect([result.version.number, result.created]).toEqual([2, true]);
      expect(versionPuts().map((input) => input.Item?.sk)).toEqual(['V#0000000001', 'V#0000000002']);
    });

    it('returns the version that won when a concurrent append of the same draft took the number', async () => {
      documents
        .on(QueryCommand)
        .resolvesOnce({ Items: [] })
        .resolves({ Items: [await versionItem('same', 1)] });
      const version = await versionItem('same', 1);
      // The winner wrote its head too: nothing to complete.
      const head = {
        ...version,
        sk: 'HEAD',
        item: 'head',
        latest: 1,
        published: null,
        target: null,
        updatedAt: version.createdAt,
      };
      documents.on(GetCommand).callsFake((input: GetCommandInput) => ({
        Item: input.Key?.sk === 'HEAD' ? head : version,
      }));
      documents.on(PutCommand).callsFake((input: PutCommandInput) => {
        if (String(input.Item?.sk).startsWith('V#')) throw conflict();
        return {};
      });

      const result = await versionsWith().appendVersion(draftOf('same'));

      expect([result.version.number, result.created]).toEqual([1, false]);
      expect(versionPuts()).toHaveLength(1);
    });

    it('gives up with append-contention when every try conflicts', async () => {
      documents.on(QueryCommand).resolves({ Items: [] });
      documents.on(PutCommand).callsFake((input: PutCommandInput) => {
        if (String(input.Item?.sk).startsWith('V#')) throw conflict();
        return {};
      });

      const append = versionsWith({ appendRetry: { attempts: 3, baseDelayMs: 0 } }).appendVersion(
        draftOf('mine'),
      );

      await expect(append).rejects.toMatchObject({ name: 'FlowgateError', code: 'append-contention' });
      expect(versionPuts()).toHaveLength(3);
    });

    it('writes a version item with its summary, its gzip body inline and a create-only condition', async () => {
      documents.on(QueryCommand).resolves({ Items: [] });
      documents.on(PutCommand).resolves({});
      const draft = draftOf('one');

      await versionsWith().appendVersion(draft);

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

      await versionsWith().appendVersion(draftOf('one'));

      expect(documents.commandCalls(PutCommand).map((call) => call.args[0].input.Item?.pk)).toEqual([
        'ENV#test#FLOWS',
        'ENV#test#FLOW#flow:Main IVR',
      ]);
    });

    it('succeeds without moving the head when a newer append already moved it', async () => {
      documents.on(QueryCommand).resolves({ Items: [] });
      documents.on(PutCommand).resolves({});
      documents.on(UpdateCommand).rejects(conflict());

      const result = await versionsWith().appendVersion(draftOf('one'));

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

      const read = versionsWith().getVersion('test', 'flow:Main IVR', 1);

      await expect(read).rejects.toThrow(FlowgateError);
      await expect(read).rejects.toThrow(
        /ENV#test#FLOW#flow:Main IVR \/ V#0000000001 is not a valid version: contentHash:/,
      );
    });

    it('throws version-store-failed with the cause when DynamoDB fails after its own retries', async () => {
      const cause = new Error('socket hang up');
      documents.on(GetCommand).rejects(cause);

      const read = versionsWith().getVersion('test', 'flow:Main IVR', 1);

      await expect(read).rejects.toMatchObject({ code: 'version-store-failed', cause });
      await expect(read).rejects.toThrow('DynamoDB get on versions failed');
    });
  });

  describe('markPublished', () => {
    it('throws ServiceError not-found when the flow has no head', async () => {
      documents.on(UpdateCommand).rejects(conflict());

      const mark = versionsWith().markPublished('test', 'flow:Main IVR', 1, null);

      await expect(mark).rejects.toThrow(ServiceError);
      await expect(mark).rejects.toMatchObject({ code: 'not-found' });
    });
  });
});
