import { HeadBucketCommand, type S3Client } from '@aws-sdk/client-s3';
import type { Probe, ProbeAnswer } from '../../core/ports.js';
import { awsProbeAnswer } from '../aws/probeAnswer.js';

/** Options of {@link S3BucketProbe}. */
export interface S3BucketProbeOptions {
  readonly client: S3Client;
  readonly bucket: string;
}

/**
 * flowgate's files bucket, asked with HeadBucket: it exists and these credentials may list it
 * (HeadBucket needs s3:ListBucket, which S3 also needs to answer a missing key 404, not 403).
 */
export class S3BucketProbe implements Probe {
  readonly subject: string;
  readonly #client: S3Client;
  readonly #bucket: string;

  constructor(options: S3BucketProbeOptions) {
    this.#client = options.client;
    this.#bucket = options.bucket;
    this.subject = `S3 bucket ${options.bucket}`;
  }

  async check(): Promise<ProbeAnswer> {
    try {
      await this.#client.send(new HeadBucketCommand({ Bucket: this.#bucket }));
      return { kind: 'ok', detail: 'exists and is reachable' };
    } catch (error) {
      const answer = awsProbeAnswer(error, 's3:ListBucket');
      return answer.kind === 'missing'
        ? { kind: 'missing', message: `no bucket ${this.#bucket} (FLOWGATE_BUCKET)` }
        : answer;
    }
  }
}
