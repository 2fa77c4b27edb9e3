import {
  DeleteItemCommand,
  GetItemCommand,
  PutItemCommand,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoAuditLog } from '../../adapters/dynamo/DynamoAuditLog.js';
import { DynamoClaims } from '../../adapters/dynamo/DynamoClaims.js';
import { DynamoMappings } from '../../adapters/dynamo/DynamoMappings.js';
import { DynamoPublishRequests, OPEN_MARKER_LEASE_MS } from '../../adapters/dynamo/DynamoPublishRequests.js';
import { DynamoVersions } from '../../adapters/dynamo/DynamoVersions.js';
import { createVersionTable } from '../../adapters/dynamo/versionTable.js';
import { S3FileStore } from '../../adapters/s3/S3FileStore.js';
import { sha256 } from '../../core/versions/hash.js';
import { describeAuditLogContract } from '../contracts/auditLog.contract.js';
import { describeClaimsContract } from '../contracts/claims.contract.js';
import { describeMappingsContract } from '../contracts/mappings.contract.js';
import { describePublishRequestsContract } from '../contracts/publishRequests.contract.js';
import { draftOf, requestOf } from '../contracts/storeFixtures.js';
import { describeVersionsContract } from '../contracts/versions.contract.js';
import { FixedClock } from '../fakes/fixedClock.js';
import { type LocalDynamo, type LocalS3, startDynamo, startS3 } from './servers.js';

let dynamo: LocalDynamo;
let s3: LocalS3;
let tables = 0;

beforeAll(async () => {
  [dynamo, s3] = await Promise.all([startDynamo(), startS3()]);
});

afterAll(async () => {
  await Promise.all([dynamo?.stop(), s3?.stop()]);
});

/** A table of its own (its name, and the options every adapter on it takes). */
async function freshTable() {
  const tableName = `versions-${++tables}`;
  await createVersionTable(dynamo.client, tableName);
  return { table: { client: dynamo.client, tableName }, tableName };
}

/** Versions on a fresh table, their large bodies in s3rver under a prefix of their own. */
async function freshVersions(clock = new FixedClock()) {
  const { table, tableName } = await freshTable();
  const files = new S3FileStore({ client: s3.client, bucket: s3.bucket, prefix: tableName });
  return { versions: new DynamoVersions({ ...table, files, clock }), tableName };
}

async function freshRequests(clock = new FixedClock()) {
  return new DynamoPublishRequests({ ...(await freshTable()).table, clock });
}

async function freshClaims(clock = new FixedClock()) {
  return new DynamoClaims({ ...(await freshTable()).table, clock });
}

describeVersionsContract(
  'DynamoVersions on dynalite',
  async (clock) => (await freshVersions(clock)).versions,
);
describePublishRequestsContract('DynamoPublishRequests on dynalite', freshRequests);
describeMappingsContract(
  'DynamoMappings on dynalite',
  async () => new DynamoMappings((await freshTable()).table),
);
describeAuditLogContract(
  'DynamoAuditLog on dynalite',
  async () => new DynamoAuditLog((await freshTable()).table),
);
describeClaimsContract('DynamoClaims on dynalite', freshClaims);

/** A Flow Language document of about `bytes` bytes that gzip cannot squeeze under the item limit. */
function largeFlow(bytes: number): string {
  const actions = [];
  let seed = 'flowgate';
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    seed = sha256(seed);
    const id = `${seed.slice(0, 8)}-${seed.slice(8, 12)}-4${seed.slice(13, 16)}-8${seed.slice(17, 20)}-${seed.slice(20, 32)}`;
    const action = {
      Identifier: id,
      Type: 'MessageParticipant',
      Parameters: { Text: `Étape ${i}: ${seed} ☎` },
      Transitions: { NextAction: id, Errors: [], Conditions: [] },
    };
    actions.push(action);
    size += JSON.stringify(action).length + 8;
  }
  return JSON.stringify({ Version: '2019-10-30', StartAction: 'a1', Actions: actions }, null, 2);
}

describe('DynamoVersions on dynalite and s3rver', () => {
  describe('appendVersion', () => {
    it('keeps all 50 versions numbered 1..50 when 50 different drafts arrive at once', async () => {
      const { versions } = await freshVersions();
      const drafts = Array.from({ length: 50 }, (_, i) => draftOf(`import ${i}`));

      const results = await Promise.all(drafts.map((draft) => versions.appendVersion(draft)));

      const listed = await versions.listVersions('test', 'flow:Main IVR');
      expect(listed.map((v) => v.number)).toEqual(Array.from({ length: 50 }, (_, i) => 50 - i));
      expect(new Set(listed.map((v) => v.contentHash))).toEqual(new Set(drafts.map((d) => d.contentHash)));
      expect(results.every((r) => r.created)).toBe(true);
      expect((await versions.getHead('test', 'flow:Main IVR'))?.latest).toBe(50);
    });

    it('creates one version when the same file is delivered twice at once and once more later', async () => {
      const { versions } = await freshVersions();
      const draft = draftOf('delivered twice');

      const results = [
        ...(await Promise.all([versions.appendVersion(draft), versions.appendVersion(draft)])),
      ];
      results.push(await versions.appendVersion(draft));

      expect(results.map((r) => [r.version.number, r.created]).sort()).toEqual([
        [1, false],
        [1, false],
        [1, true],
      ]);
      expect(await versions.listVersions('test', 'flow:Main IVR')).toHaveLength(1);
    });

    it('lists the flow again when the same content is appended after an append that stopped before its head', async () => {
      const { versions, tableName } = await freshVersions();
      const draft = draftOf('head lost');
      await versions.appendVersion(draft);
      // What a crash between the version's write and the head's leaves: the version alone.
      await dynamo.client.send(
        new DeleteItemCommand({
          TableName: tableName,
          Key: { pk: { S: 'ENV#test#FLOW#flow:Main IVR' }, sk: { S: 'HEAD' } },
        }),
      );

      const again = await versions.appendVersion(draft);

      expect([again.version.number, again.created]).toEqual([1, false]);
      expect((await versions.listHeads('test')).map((h) => [h.flowKey, h.latest])).toEqual([
        ['flow:Main IVR', 1],
      ]);
    });
  });

  describe('getVersion', () => {
    it('returns a 1 MB flow byte-identical when its body went to S3', async () => {
      const { versions, tableName } = await freshVersions();
      const content = largeFlow(1_000_000);
      const original = content.replaceAll('\n', '\r\n');
      const draft = draftOf('large', {
        content,
        original,
        contentHash: sha256(content),
        sourceHash: sha256(original),
      });

      await versions.appendVersion(draft);
      const read = await versions.getVersion('test', 'flow:Main IVR', 1);

      expect(Buffer.from(read?.content ?? '').equals(Buffer.from(content))).toBe(true);
      expect(Buffer.from(read?.original ?? '').equals(Buffer.from(original))).toBe(true);
      const item = await dynamo.client.send(
        new GetItemCommand({
          TableName: tableName,
          Key: { pk: { S: 'ENV#test#FLOW#flow:Main IVR' }, sk: { S: 'V#0000000001' } },
        }),
      );
      expect(item.Item?.bodyKey?.S).toMatch(/^content\/[0-9a-f]{64}$/);
      expect(item.Item?.bodyGzip).toBeUndefined();
    });

    it('names the item when a stored version is corrupt', async () => {
      const { versions, tableName } = await freshVersions();
      await versions.appendVersion(draftOf('one'));
      await dynamo.client.send(
        new PutItemCommand({
          TableName: tableName,
          Item: { pk: { S: 'ENV#test#FLOW#flow:Main IVR' }, sk: { S: 'V#0000000002' }, number: { S: 'two' } },
        }),
      );

      await expect(versions.getVersion('test', 'flow:Main IVR', 2)).rejects.toThrow(
        /ENV#test#FLOW#flow:Main IVR \/ V#0000000002 is not a valid version: .*number/,
      );
    });
  });
});

describe('DynamoPublishRequests on dynalite', () => {
  describe('createRequest', () => {
    /** A table where a create took version 1's marker for `id` and died before storing the request. */
    async function markerLeftBy(id: string, clock: FixedClock) {
      const { table, tableName } = await freshTable();
      await dynamo.client.send(
        new PutItemCommand({
          TableName: tableName,
          Item: {
            pk: { S: 'ENV#test#FLOW#flow:Main IVR' },
            sk: { S: 'OPEN#V#0000000001' },
            item: { S: 'request-open' },
            request: { S: id },
            claimedAt: { S: clock.now().toISOString() },
          },
        }),
      );
      return new DynamoPublishRequests({ ...table, clock });
    }

    it('lets the version be requested again once a create that died after its marker is past the lease', async () => {
      const clock = new FixedClock();
      const requests = await markerLeftBy('died', clock);
      clock.advance(OPEN_MARKER_LEASE_MS);

      const again = await requests.createRequest(requestOf('req-2'));

      expect(again).toMatchObject({ created: true, request: { id: 'req-2' } });
      expect(await requests.getRequest('req-2')).toMatchObject({ state: 'pending' });
    });

    it('asks to try again, storing nothing, while such a marker is within its lease', async () => {
      const requests = await markerLeftBy('in-flight', new FixedClock());

      await expect(requests.createRequest(requestOf('req-2'))).rejects.toMatchObject({ code: 'conflict' });
      expect(await requests.getRequest('req-2')).toBeNull();
    });

    it('stores one of twenty concurrent requests for a version whose earlier request was rejected', async () => {
      const requests = await freshRequests();
      await requests.createRequest(requestOf('req-0'));
      await requests.transitionRequest('req-0', 'pending', 'rejected', { reason: 'wrong queue' });

      const results = await Promise.all(
        Array.from({ length: 20 }, (_, i) => requests.createRequest(requestOf(`req-${i + 1}`))),
      );

      expect(results.filter((r) => r.created)).toHaveLength(1);
      expect((await requests.listRequests('test', 'pending')).length).toBe(1);
    });
  });

  describe('transitionRequest', () => {
    it('lets exactly one of ten concurrent approvals win', async () => {
      const requests = await freshRequests();
      await requests.createRequest(requestOf('req-1'));

      const results = await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          requests.transitionRequest('req-1', 'pending', 'approved', { decidedBy: `U0APPROVER${i}` }),
        ),
      );

      const winners = results.filter((r) => r !== null);
      expect(winners).toHaveLength(1);
      expect(await requests.getRequest('req-1')).toEqual(winners[0]);
    });

    it('refuses an approval after the request was voided for a content change', async () => {
      const requests = await freshRequests();
      await requests.createRequest(requestOf('req-1'));
      await requests.transitionRequest('req-1', 'pending', 'rejected', { reason: 'content changed' });

      expect(
        await requests.transitionRequest('req-1', 'pending', 'approved', { decidedBy: 'U0BOB' }),
      ).toBeNull();
    });
  });
});

describe('DynamoPublishRequests on dynalite: listPendingRequests', () => {
  it('reads only the open requests when the environment has a long decided history', async () => {
    const requests = await freshRequests();
    for (let i = 0; i < 30; i++) {
      // One version each: a version has one open request at a time, and approved is still open.
      await requests.createRequest(requestOf(`done-${i}`, { version: i + 1 }));
      await requests.transitionRequest(`done-${i}`, 'pending', 'approved', { decidedBy: 'U0BOB' });
    }
    await requests.createRequest(requestOf('open', { version: 31 }));

    const commands = await commandsSent(() => requests.listPendingRequests('test'));

    expect(commands).toEqual(['QueryCommand', 'GetItemCommand']);
  });

  it('skips an entry whose request was decided by a run that stopped before tidying the index', async () => {
    const requests = await freshRequests();
    await requests.createRequest(requestOf('req-1'));
    await dynamo.client.send(
      new UpdateItemCommand({
        TableName: `versions-${tables}`,
        Key: { pk: { S: 'ENV#test#FLOW#flow:Main IVR' }, sk: { S: 'REQ#req-1' } },
        UpdateExpression: 'SET #s = :s',
        ExpressionAttributeNames: { '#s': 'state' },
        ExpressionAttributeValues: { ':s': { S: 'approved' } },
      }),
    );

    expect(await requests.listPendingRequests('test')).toEqual([]);
  });
});

/** The DynamoDB commands `run` sends, in order. */
async function commandsSent(run: () => Promise<unknown>): Promise<string[]> {
  const sent: string[] = [];
  const name = `count-${Math.random()}`;
  dynamo.client.middlewareStack.add(
    (next, context) => async (args) => {
      sent.push(context.commandName ?? '');
      return next(args);
    },
    { step: 'initialize', name },
  );
  try {
    await run();
  } finally {
    dynamo.client.middlewareStack.remove(name);
  }
  return sent;
}

describe('DynamoClaims on dynalite', () => {
  describe('claimOnce', () => {
    it('frees a key on read when its expiry passed, though dynalite never deletes it', async () => {
      const clock = new FixedClock('2026-11-21T10:00:00.000Z');
      const claims = await freshClaims(clock);
      await claims.claimOnce('webhook:delivery-1', '2026-11-21T10:05:00.000Z');
      clock.advance(5 * 60_000);

      expect(await claims.claimOnce('webhook:delivery-1', '2026-11-21T10:10:00.000Z')).toBe(true);
    });
  });
});
