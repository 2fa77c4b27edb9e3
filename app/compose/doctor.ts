/**
 * The composition root, `flowgate doctor`: the probes of one environment, on the caller's own
 * credentials (the default provider chain), or on the local stack and local instance.
 */
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { LexModelsV2Client } from '@aws-sdk/client-lex-models-v2';
import { S3Client } from '@aws-sdk/client-s3';
import { ConnectContactCenterProbe } from '../../adapters/connect/ConnectContactCenterProbe.js';
import { createConnectClient } from '../../adapters/connect/createConnectClient.js';
import { DynamoTableProbe } from '../../adapters/dynamo/DynamoTableProbe.js';
import { LocalContactCenter } from '../../adapters/local/LocalContactCenter.js';
import { LocalInstanceProbe } from '../../adapters/local/LocalInstanceProbe.js';
import { localDynamoClient, localS3Client, startLocalStack } from '../../adapters/local/localStack.js';
import { findRunningStack } from '../../adapters/local/stackLock.js';
import { S3BucketProbe } from '../../adapters/s3/S3BucketProbe.js';
import { SlackTokenProbe } from '../../adapters/slack/SlackTokenProbe.js';
import { environmentOf } from '../../core/access.js';
import type { FlowgateConfig } from '../../core/config.js';
import type { ContactCenterProbe, Probe } from '../../core/ports.js';
import { parseArn } from '../../core/resolve/arn.js';
import type { DoctorDeps } from '../../core/service/doctor.js';
import { slackClient } from './slack.js';

/** Where `flowgate doctor` looks. */
export interface DoctorSite {
  readonly config: FlowgateConfig;
  readonly env: string;
  /** The process environment: FLOWGATE_TABLE, FLOWGATE_BUCKET, SLACK_BOT_TOKEN, SLACK_API_URL. */
  readonly variables: NodeJS.ProcessEnv;
  /** The local data folder (`.flowgate/`): local instances and the local stack. */
  readonly dataDir: string;
}

/** The doctor's probes for `site.env`, and how to release what they opened. */
export async function doctorDeps(site: DoctorSite): Promise<{ deps: DoctorDeps; close(): Promise<void> }> {
  const { target } = environmentOf(site.config, site.env);
  const contactCenter: ContactCenterProbe =
    target.kind === 'local'
      ? new LocalInstanceProbe({
          env: site.env,
          center: new LocalContactCenter({
            dir: join(site.dataDir, 'instances', site.env),
            seed: target.seed,
          }),
        })
      : new ConnectContactCenterProbe({
          // Two tries: enough to ride out one throttle, few enough to answer quickly.
          client: createConnectClient(target.region, { maxAttempts: 2 }),
          instanceId: parseArn(target.instanceArn)?.resourceId ?? target.instanceArn,
          region: target.region,
          // The same default credentials, in the Region of the alias asked about.
          lexClientFor: (region) => new LexModelsV2Client({ region, maxAttempts: 2 }),
        });
  const stores = await storeProbes(site);
  const token = site.variables.SLACK_BOT_TOKEN;
  const slack: Probe =
    token === undefined || token === ''
      ? unchecked('Slack bot token (SLACK_BOT_TOKEN)', 'SLACK_BOT_TOKEN is not set: Slack is off')
      : new SlackTokenProbe({
          client: slackClient(
            { botToken: token, apiUrl: site.variables.SLACK_API_URL || undefined },
            'answering',
          ),
        });
  return { deps: { contactCenter, slack, table: stores.table, bucket: stores.bucket }, close: stores.close };
}

/** The table and bucket the runtime would use: AWS's when FLOWGATE_TABLE and FLOWGATE_BUCKET say so, else the local stack's. */
async function storeProbes(
  site: DoctorSite,
): Promise<{ readonly table: Probe; readonly bucket: Probe; close(): Promise<void> }> {
  const table = site.variables.FLOWGATE_TABLE || undefined;
  const bucket = site.variables.FLOWGATE_BUCKET || undefined;
  if (table !== undefined && bucket !== undefined) {
    const dynamo = new DynamoDBClient({ maxAttempts: 2 });
    const s3 = new S3Client({ maxAttempts: 2 });
    return {
      table: new DynamoTableProbe({ client: dynamo, table }),
      bucket: new S3BucketProbe({ client: s3, bucket }),
      close: async () => {
        dynamo.destroy();
        s3.destroy();
      },
    };
  }
  // The local stack `npm start` runs on this folder, else one started for the check.
  const running = await findRunningStack(site.dataDir);
  if (running !== null) {
    const dynamo = localDynamoClient(running.dynamoEndpoint);
    const s3 = localS3Client(running.s3Endpoint);
    return {
      table: new DynamoTableProbe({ client: dynamo, table: running.tableName }),
      bucket: new S3BucketProbe({ client: s3, bucket: running.bucket }),
      close: async () => {
        dynamo.destroy();
        s3.destroy();
      },
    };
  }
  const stack = await startLocalStack({ dataDir: site.dataDir });
  return {
    table: new DynamoTableProbe({ client: stack.dynamoClient, table: stack.tableName }),
    bucket: new S3BucketProbe({ client: stack.s3Client, bucket: stack.bucket }),
    close: () => stack.stop(),
  };
}

function unchecked(subject: string, message: string): Probe {
  return { subject, check: async () => ({ kind: 'unchecked', message }) };
}
