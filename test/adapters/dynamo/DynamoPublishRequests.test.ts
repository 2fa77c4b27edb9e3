import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { DynamoPublishRequests } from '../../../adapters/dynamo/DynamoPublishRequests.js';
import { requestOf } from '../../contracts/storeFixtures.js';
import { FixedClock } from '../../fakes/fixedClock.js';
import { conflict, mockDocumentClient, mockedTable } from './documentClientMock.js';

const documents = mockDocumentClient();

function requests(): DynamoPublishRequests {
  return new DynamoPublishRequests({ ...mockedTable(), clock: new FixedClock('2026-11-21T10:00:00.000Z') });
}

describe('DynamoPublishRequests', () => {
  describe('createRequest', () => {
    it('keeps the expiry out of the TTL attribute so decided requests are never deleted', async () => {
      documents.on(GetCommand).resolves({});
      documents.on(PutCommand).resolves({});
      const request = requestOf('req-1');

      await requests().createRequest(request);

      const stored = documents
        .commandCalls(PutCommand)
        .map((call) => call.args[0].input.Item)
        .find((item) => item?.sk === 'REQ#req-1');
      expect(stored).toMatchObject({
        pk: 'ENV#test#FLOW#flow:Main IVR',
        sk: 'REQ#req-1',
        requestExpiresAt: request.expiresAt,
      });
      expect(stored).not.toHaveProperty('expiresAt');
    });

    it('takes the version`s marker first, then the pointer by id, and stops with a conflict when the id exists', async () => {
      documents.on(GetCommand).resolves({});
      documents.on(PutCommand).resolvesOnce({}).rejects(conflict());

      await expect(requests().createRequest(requestOf('req-1'))).rejects.toMatchObject({ code: 'conflict' });
      expect(documents.commandCalls(PutCommand).map((call) => call.args[0].input.Item?.sk)).toEqual([
        'OPEN#V#0000000001',
        '-',
      ]);
    });
  });

  describe('transitionRequest', () => {
    it('conditions a pending transition on the state and on not being expired now', async () => {
      documents
        .on(GetCommand)
        .resolves({ Item: { pk: 'REQ#req-1', sk: '-', env: 'test', flowKey: 'flow:Main IVR' } });
      documents.on(UpdateCommand).rejects(conflict());

      const moved = await requests().transitionRequest('req-1', 'pending', 'approved', {
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
});
