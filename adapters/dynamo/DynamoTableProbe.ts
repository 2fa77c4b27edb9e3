import { type DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import type { Probe, ProbeAnswer } from '../../core/ports.js';
import { awsProbeAnswer } from '../aws/probeAnswer.js';

/** Options of {@link DynamoTableProbe}. */
export interface DynamoTableProbeOptions {
  readonly client: DynamoDBClient;
  readonly table: string;
}

/**
 * flowgate's table, asked with a GetItem of a key nothing uses: the call every store makes, so it
 * checks the table exists and these credentials may read it (DescribeTable needs a grant the
 * functions do not have).
 */
export class DynamoTableProbe implements Probe {
  readonly subject: string;
  readonly #client: DynamoDBClient;
  readonly #table: string;

  constructor(options: DynamoTableProbeOptions) {
    this.#client = options.client;
    this.#table = options.table;
    this.subject = `DynamoDB table ${options.table}`;
  }

  async check(): Promise<ProbeAnswer> {
    try {
      await this.#client.send(
        new GetItemCommand({ TableName: this.#table, Key: { pk: { S: 'DOCTOR' }, sk: { S: '-' } } }),
      );
      return { kind: 'ok', detail: 'exists and is readable' };
    } catch (error) {
      const answer = awsProbeAnswer(error, 'dynamodb:GetItem');
      return answer.kind === 'missing'
        ? { kind: 'missing', message: `no table ${this.#table} in this account and Region (FLOWGATE_TABLE)` }
        : answer;
    }
  }
}
