/** The parts of s3rver (an S3 server on the file system) flowgate uses: it ships no types. */
declare module 's3rver' {
  import type { AddressInfo } from 'node:net';

  interface S3rverOptions {
    address?: string;
    /** 0 picks a free port; `run()` resolves with the one chosen. */
    port?: number;
    silent?: boolean;
    /** Where buckets and objects are kept. */
    directory?: string;
    resetOnClose?: boolean;
    configureBuckets?: { name: string }[];
  }

  /** An S3 server. It only accepts the access key `S3RVER` with the secret `S3RVER`. */
  class S3rver {
    constructor(options?: S3rverOptions);
    run(): Promise<AddressInfo>;
    close(): Promise<void>;
    /** S3 event notification records for objects put, copied and deleted. */
    on(event: 'event', listener: (event: unknown) => void): this;
  }
  export = S3rver;
}
