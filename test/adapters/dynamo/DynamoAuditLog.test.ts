import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { DynamoAuditLog } from '../../../adapters/dynamo/DynamoAuditLog.js';
import { mockDocumentClient, mockedTable } from './documentClientMock.js';

const documents = mockDocumentClient();

describe('DynamoAuditLog', () => {
  describe('listAudit', () => {
    it('reads only the months from `since` on, newest first', async () => {
      documents.on(GetCommand).resolves({
        Item: { pk: 'ENV#test#AUDIT', sk: 'MONTHS', months: new Set(['2026-09', '2026-11', '2026-10']) },
      });
      documents.on(QueryCommand).resolves({ Items: [] });

      await new DynamoAuditLog(mockedTable()).listAudit('test', '2026-10-15T00:00:00.000Z');

      expect(
        documents
          .commandCalls(QueryCommand)
          .map((call) => call.args[0].input.ExpressionAttributeValues?.[':pk']),
      ).toEqual(['ENV#test#AUDIT#2026-11', 'ENV#test#AUDIT#2026-10']);
    });
  });
});
