/**
 * The composition root, `flowgate doctor`: the probes of one environment, on the caller's own
 * credentials (the default provider chain), or on the local stack and local instance.
 */
import { isAbsolute, join, relative } from 'node:path';
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
  /** The folder the command runs in: the local data folder is named relative to it. */
  readonly cwd: string;
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

/** Store probes, and how to release what they opened. */
interface StoreProbes {
  readonly table: Probe;
  readonly bucket: Probe;
  close(): Promise<void>;
}

/**
 * The table and bucket the runtime would use: AWS's when FLOWGATE_TABLE and FLOWGATE_BUCKET say
 * so, else the local stack's. Each line says which it checked, so a person checking a deployment
 * without those variables reads that the local store answered, not the deployment's.
 */
async function storeProbes(site: DoctorSite): Promise<StoreProbes> {
  const table = site.variables.FLOWGATE_TABLE || undefined;
  const bucket = site.variables.FLOWGATE_BUCKET || undefined;
  if (table !== undefined && bucket !== undefined) {
    const dynamo = new DynamoDBClient({ maxAttempts: 2 });
    const s3 = new S3Client({ maxAttempts: 2 });
    return {
      table: named(new DynamoTableProbe({ client: dynamo, table }), '(FLOWGATE_TABLE)'),
      bucket: named(new S3BucketProbe({ client: s3, bucket }), '(FLOWGATE_BUCKET)'),
      close: async () => {
        dynamo.destroy();
        s3.destroy();
      },
    };
  }
  if (table !== undefined || bucket !== undefined) return halfConfigured(table === undefined);
  const local = await localStoreProbes(site.dataDir);
  const where = `in the local store under ${shownFolder(site)}`;
  // For a Connect environment the local store is not where the deployment keeps its versions.
  const note =
    environmentOf(site.config, site.env).target.kind === 'connect'
      ? " (the local store: FLOWGATE_TABLE and FLOWGATE_BUCKET are not set, so the deployment's table and bucket were not checked)"
      : '';
  return { ...local, table: named(local.table, where, note), bucket: named(local.bucket, where, note) };
}

/** The local stack `npm start` runs on this folder, else one started for the check. */
async function localStoreProbes(dataDir: string): Promise<StoreProbes> {
  const running = await findRunningStack(dataDir);
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
  const stack = await startLocalStack({ dataDir });
  return {
    table: new DynamoTableProbe({ client: stack.dynamoClient, table: stack.tableName }),
    bucket: new S3BucketProbe({ client: stack.s3Client, bucket: stack.bucket }),
    close: () => stack.stop(),
  };
}

/** One of FLOWGATE_TABLE and FLOWGATE_BUCKET set: neither store is the one the runtime would use. */
function halfConfigured(tableMissing: boolean): StoreProbes {
  const [set, unset] = tableMissing
    ? ['FLOWGATE_BUCKET', 'FLOWGATE_TABLE']
    : ['FLOWGATE_TABLE', 'FLOWGATE_BUCKET'];
  const message = `${set} is set but ${unset} is not: set both to check the deployment's table and bucket, or neither to check the local store`;
  return {
    table: unchecked('DynamoDB table (FLOWGATE_TABLE)', message),
    bucket: unchecked('S3 bucket (FLOWGATE_BUCKET)', message),
    close: async () => {},
  };
}

/** `probe`, its subject followed by where it is, and `note` after what it found. */
function named(probe: Probe, where: string, note = ''): Probe {
  return {
    subject: `${probe.subject} ${where}`,
    check: async () => {
      const answer = await probe.check();
      return answer.kind === 'ok' && note !== ''
        ? { ...answer, detail: `${answer.detail ?? 'ok'}${note}` }
        : answer;
    },
  };
}

/** The data folder as the person typed it: relative to where they run, with a trailing slash. */
function shownFolder(site: DoctorSite): string {
  const shown = relative(site.cwd, site.dataDir);
  return shown === '' || shown.startsWith('..') || isAbsolute(shown) ? `${site.dataDir}/` : `${shown}/`;
}

function unchecked(subject: string, message: string): Probe {
  return { subject, check: async () => ({ kind: 'unchecked', message }) };
}
