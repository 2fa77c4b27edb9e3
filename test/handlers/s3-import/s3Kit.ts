import type { S3ObjectReader } from '../../../adapters/s3/S3ObjectReader.js';
import { encodeS3Key } from '../../../adapters/s3/s3Events.js';
import { createWebClient } from '../../../adapters/slack/createWebClient.js';
import { SlackMessenger } from '../../../adapters/slack/SlackMessenger.js';
import type { ServiceDeps } from '../../../core/deps.js';
import { FlowgateError } from '../../../core/errors.js';
import type { S3ImportDeps } from '../../../handlers/s3-import/importS3Object.js';
import type { ServiceKit } from '../../fakes/serviceKit.js';
import type { FakeSlackApi } from '../../integration/fakeSlackApi.js';

/** The bucket the tests' events come from. */
export const BUCKET = 'flowgate-drops';

/** What a record says about its object besides the key. */
export interface RecordFields {
  readonly eventName?: string;
  readonly size?: number;
  readonly eTag?: string;
  readonly versionId?: string;
  readonly sequencer?: string;
}

/** An S3 notification record as S3 sends it to Lambda; `key` is encoded here as S3 encodes it. */
export function s3Record(key: string, fields: RecordFields = {}): Record<string, unknown> {
  const { eventName = 'ObjectCreated:Put', size = 100, eTag = 'd41d8cd98f00b204e9800998ecf8427e' } = fields;
  return {
    eventVersion: '2.1',
    eventSource: 'aws:s3',
    awsRegion: 'us-east-1',
    eventTime: '2026-11-21T10:00:00.000Z',
    eventName,
    userIdentity: { principalId: 'AWS:AIDAEXAMPLE' },
    requestParameters: { sourceIPAddress: '192.0.2.10' },
    responseElements: {
      'x-amz-request-id': 'C3D13FE58DE4C810',
      'x-amz-id-2': 'FMyUVURIY8/IgAtTv8xRjskZQpcIZ9KG4V5Wp6S7S/JRWeUWerMUE5JgHvANOjpD',
    },
    s3: {
      s3SchemaVersion: '1.0',
      configurationId: 'flowgate-incoming',
      bucket: {
        name: BUCKET,
        ownerIdentity: { principalId: 'A3NL1KOZZKExample' },
        arn: `arn:aws:s3:::${BUCKET}`,
      },
      object: {
        key: encodeS3Key(key),
        size,
        eTag,
        ...(fields.versionId === undefined ? {} : { versionId: fields.versionId }),
        sequencer: fields.sequencer ?? '0055AED6DCD90281E5',
      },
    },
  };
}

/** An in-memory bucket: objects by key, and how many reads each got. */
export class MemoryBucket {
  readonly objects = new Map<string, Uint8Array>();
  readonly reads: string[] = [];
  /** When set, the next read throws it (once). */
  failNext: Error | null = null;

  put(key: string, body: Uint8Array | string): void {
    this.objects.set(key, typeof body === 'string' ? new TextEncoder().encode(body) : body);
  }

  readonly read: S3ObjectReader = async (bucket, key) => {
    this.reads.push(key);
    const failure = this.failNext;
    this.failNext = null;
    if (failure !== null) throw failure;
    const body = this.objects.get(key);
    if (bucket !== BUCKET || body === undefined)
      throw new FlowgateError('s3-object-missing', `s3://${bucket}/${key} no longer exists`);
    return body;
  };
}

/** The kit's service deps with `s3` granted the editor role (as a config enabling drops lists it). */
export function withS3Editor(kit: ServiceKit): ServiceDeps {
  const { config } = kit.deps;
  return {
    ...kit.deps,
    config: { ...config, roles: { ...config.roles, editors: [...config.roles.editors, 's3'] } },
  };
}

/** Import deps over the kit and bucket; reports go to `fake` when given, else only to `logs`. */
export function importDeps(
  service: ServiceDeps,
  bucket: MemoryBucket,
  logs: string[] = [],
  fake: FakeSlackApi | null = null,
): S3ImportDeps {
  const slack =
    fake === null
      ? null
      : new SlackMessenger({
          client: createWebClient('xoxb-s3-test', {
            slackApiUrl: fake.apiUrl,
            forListener: false,
            retryConfig: { retries: 0 },
          }),
        });
  return { service, read: bucket.read, slack, log: (message) => logs.push(message) };
}
