import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { DynamoClaims } from '../../../adapters/dynamo/DynamoClaims.js';
import { FixedClock } from '../../fakes/fixedClock.js';
import { conflict, mockDocumentClient, mockedTable } from './documentClientMock.js';

const documents = mockDocumentClient();

function claims(): DynamoClaims {
  return new DynamoClaims({ ...mockedTable(), clock: new FixedClock('2026-11-21T10:00:00.000Z') });
}

describe('DynamoClaims', () => {
  describe('claimOnce', () => {
    it('stores the exact expiry and a TTL in whole seconds rounded up', async () => {
      documents.on(PutCommand).resolves({});

      await claims().claimOnce('slack:Ev1', '2026-11-21T10:05:00.500Z');

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

      expect(await claims().claimOnce('slack:Ev1', '2026-11-21T10:05:00.000Z')).toBe(false);
    });
  });
});
