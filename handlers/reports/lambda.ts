/**
 * The reports Lambda (`GET /reports/{token}`): serves the HTML report a signed link names, from
 * the page kept with the version (rendered and kept on first open for versions without one).
 * Read-mostly: it holds no Slack token and cannot touch Connect.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { DynamoVersionStore } from '../../adapters/dynamo/DynamoVersionStore.js';
import { S3FileStore } from '../../adapters/s3/S3FileStore.js';
import { readReportsEnvironment } from '../../app/environment.js';
import { createReportHandler } from './handler.js';

const env = readReportsEnvironment(process.env);
const clock = { now: () => new Date() };
const files = new S3FileStore({ client: new S3Client({}), bucket: env.bucket, prefix: 'flowgate/' });

export const handler = createReportHandler({
  service: {
    store: new DynamoVersionStore({ client: new DynamoDBClient({}), tableName: env.table, files, clock }),
    files,
    clock,
  },
  secret: env.secret,
});
