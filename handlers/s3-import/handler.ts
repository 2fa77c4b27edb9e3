/**
 * The S3 import's handler module: what imports one `ObjectCreated` record, whoever hosts it (the
 * S3 import Lambda, `npm start`'s watcher of the local bucket).
 */
import type { S3ObjectReader } from '../../adapters/s3/S3ObjectReader.js';
import type { Backend } from '../../app/compose/backend.js';
import { serviceDeps } from '../../app/compose/backend.js';
import type { FlowPicture } from '../../app/flowPicture.js';
import type { ReportLink } from '../../app/reportLinks.js';
import type { Notifier } from '../../core/ports.js';
import { type ReportPoster, withoutImportNotices } from './dropReport.js';
import { importS3Object, type S3ImportOutcome } from './importS3Object.js';

/** What S3 drops are imported with. */
export interface S3ImportOptions {
  readonly backend: Backend;
  readonly read: S3ObjectReader;
  /** Posts drop reports to the environment's channel; null: reports go to the log only. */
  readonly slack: ReportPoster | null;
  /** Tells people of approvals and publishes the drop leads to; the import itself is the drop report. */
  readonly notifier: Notifier | null;
  readonly log: (message: string, error?: unknown) => void;
  readonly reportLink?: ReportLink | null;
  readonly picture?: FlowPicture;
}

/** Imports one S3 event record (fresh contact centers each); see `importS3Object`. */
export function createS3Import(options: S3ImportOptions): (record: unknown) => Promise<S3ImportOutcome> {
  const notifier = withoutImportNotices(options.notifier);
  return (record) =>
    importS3Object(record, {
      service: serviceDeps(options.backend, notifier),
      read: options.read,
      slack: options.slack,
      log: options.log,
      reportLink: options.reportLink ?? null,
      ...(options.picture === undefined ? {} : { picture: options.picture }),
    });
}
