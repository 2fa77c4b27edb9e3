import type { S3ObjectReader } from '../../adapters/s3/S3ObjectReader.js';
import {
  type DropTarget,
  decodeS3Key,
  dropTargetOf,
  isObjectCreated,
  type S3ObjectRecord,
  safeParseS3Record,
} from '../../adapters/s3/s3Events.js';
import type { FlowPicture } from '../../app/flowPicture.js';
import { importUploads } from '../../app/importUploads.js';
import type { ReportLink } from '../../app/reportLinks.js';
import type { Actor } from '../../core/config.js';
import type { ServiceDeps } from '../../core/deps.js';
import { FlowFileError, FlowgateError, ServiceError } from '../../core/errors.js';
import { MAX_INPUT_BYTES } from '../../core/formats/readFlow.js';
import type { AutoPublishResult } from '../../core/service/autoPublish.js';
import type { ImportResult } from '../../core/service/importFlows.js';
import { type DropReportDeps, postDropProblem, postDropReport, type ReportPoster } from './dropReport.js';

/**
 * Who imports a drop. The config must grant it the editor role (`roles.editors: [s3]`): the
 * bucket's write permission alone never lets files into an environment. It is never a publisher,
 * so `autoPublish` cannot bypass an environment's required approval.
 */
export const S3_ACTOR: Actor = Object.freeze({ id: 's3', groups: Object.freeze([]) });

/** How long an object version is remembered as imported: S3 and Lambda redeliver within hours. */
export const DEFAULT_CLAIM_HOURS = 24;

/** What `importS3Object` needs. */
export interface S3ImportDeps {
  readonly service: ServiceDeps;
  readonly read: S3ObjectReader;
  /** Posts reports to the environment's channel; null: reports go to the log only. */
  readonly slack: ReportPoster | null;
  readonly log: (message: string, error?: unknown) => void;
  /** Default {@link DEFAULT_CLAIM_HOURS}. */
  readonly claimHours?: number;
  /** Links each version's HTML report from the Slack report, where the deployment serves reports. */
  readonly reportLink?: ReportLink | null;
  /** Draws each stored flow for the report's thread, where the runtime can. */
  readonly picture?: FlowPicture;
}

/** What became of one event record. */
export type S3ImportOutcome =
  /** Not a drop: not an object creation, not under `incoming/<env>/`, an unknown environment. */
  | { readonly kind: 'ignored'; readonly reason: string }
  /** This object version was already imported (a redelivered event). */
  | { readonly kind: 'duplicate'; readonly key: string }
  /** A bad object, or a refused import: reported, nothing stored. */
  | { readonly kind: 'refused'; readonly env: string; readonly key: string; readonly code: string }
  /** Imported (and auto-published where the environment says so). */
  | {
      readonly kind: 'imported';
      readonly env: string;
      readonly key: string;
      readonly result: ImportResult;
      readonly published: AutoPublishResult | null;
    };

/** A drop as it is being imported. */
interface Drop extends DropTarget {
  readonly record: S3ObjectRecord;
  readonly key: string;
}

/**
 * Imports one S3 event record: an object created under `incoming/<env>/…` (a flow file or a zip
 * of flows) is imported into `<env>` as the `s3` actor, auto-published where the environment
 * says `autoPublish`, and reported in the environment's channel. Each object version imports
 * once (an idempotency claim on bucket, key and `versionId ?? eTag ?? sequencer`). Bad objects
 * (too large, not flows, unsafe or oversized zips) are reported and store nothing. Throws only
 * when the object cannot be read for a reason that may pass (S3 unreachable): nothing is claimed
 * yet then, so a redelivery tries again.
 */
export async function importS3Object(record: unknown, deps: S3ImportDeps): Promise<S3ImportOutcome> {
  const drop = dropOf(record, deps);
  if (!('record' in drop)) {
    deps.log(`s3 event ignored: ${drop.reason}`);
    return drop;
  }
  const { size } = drop.record;
  if (size !== null && size > MAX_INPUT_BYTES) {
    return refuseOnce(deps, drop, 'object-too-large', tooLargeMessage(drop, `${size} bytes`));
  }
  const bytes = await readDrop(deps, drop);
  if (bytes === null) return { kind: 'ignored', reason: `${drop.key} no longer exists` };
  if (bytes === 'too-large' || bytes.byteLength > MAX_INPUT_BYTES) {
    const found = bytes === 'too-large' ? 'over the limit' : `${bytes.byteLength} bytes`;
    return refuseOnce(deps, drop, 'object-too-large', tooLargeMessage(drop, found));
  }
  if (!(await claim(deps, drop))) return duplicate(deps, drop);
  try {
    return await importDrop(deps, drop, bytes);
  } catch (error) {
    if (error instanceof FlowFileError) return refuse(deps, drop, error.code, [error.message, error.hint]);
    if (error instanceof ServiceError) return refuse(deps, drop, error.code, serviceRefusal(error));
    // Claimed already: a redelivery would be skipped, so the failure is told rather than thrown.
    deps.log(`s3 import of ${drop.key} failed`, error);
    return refuse(deps, drop, 'import-failed', [
      `${drop.path} could not be imported into ${drop.env} (${describe(error)}); the import may be incomplete`,
      'Check `flowgate versions`, then put the object again under a new name (or as a new version) to retry.',
    ]);
  }
}

async function importDrop(deps: S3ImportDeps, drop: Drop, bytes: Uint8Array): Promise<S3ImportOutcome> {
  const { result, published } = await importUploads(
    { service: deps.service, log: deps.log },
    // A drop is imported whole or not at all: nobody is watching to finish half of it by hand.
    { env: drop.env, uploads: [{ name: drop.path, bytes }], actor: S3_ACTOR, channel: 's3', whole: true },
  );
  await postDropReport(reportDeps(deps), drop.path, result, S3_ACTOR, published);
  return { kind: 'imported', env: drop.env, key: drop.key, result, published };
}

/** The parsed drop, or why the record is not one. */
function dropOf(record: unknown, deps: S3ImportDeps): Drop | { kind: 'ignored'; reason: string } {
  const parsed = safeParseS3Record(record);
  if (!parsed.ok) return { kind: 'ignored', reason: parsed.problem };
  const s3 = parsed.record;
  if (!isObjectCreated(s3)) return { kind: 'ignored', reason: `${s3.eventName} of ${s3.rawKey}` };
  const key = decodeS3Key(s3.rawKey);
  if (key === null) return { kind: 'ignored', reason: `the key '${s3.rawKey}' is not validly URL-encoded` };
  const target = dropTargetOf(key);
  if (target === null) {
    return {
      kind: 'ignored',
      reason: `s3://${s3.bucket}/${key} is not a drop: flowgate imports keys incoming/<environment>/<file>`,
    };
  }
  if (deps.service.config.environments[target.env] === undefined) {
    const known = Object.keys(deps.service.config.environments).join(', ');
    return {
      kind: 'ignored',
      reason: `s3://${s3.bucket}/${key} names the environment '${target.env}', which the config does not have (known: ${known})`,
    };
  }
  return { ...target, record: s3, key };
}

/** The object's bytes; null when it was removed since the event, `too-large` when the reader refused its size. */
async function readDrop(deps: S3ImportDeps, drop: Drop): Promise<Uint8Array | null | 'too-large'> {
  try {
    return await deps.read(drop.record.bucket, drop.key, drop.record.versionId ?? undefined);
  } catch (error) {
    if (!(error instanceof FlowgateError)) throw error;
    if (error.code === 's3-object-too-large') return 'too-large';
    if (error.code !== 's3-object-missing') throw error;
    deps.log(`s3 import skipped: ${error.message}`);
    return null;
  }
}

async function claim(deps: S3ImportDeps, drop: Drop): Promise<boolean> {
  const hours = deps.claimHours ?? DEFAULT_CLAIM_HOURS;
  const expiresAt = new Date(deps.service.clock.now().getTime() + hours * 3_600_000).toISOString();
  const key = `s3:${drop.record.bucket}:${drop.key}:${drop.record.identity}`;
  return deps.service.claims.claimOnce(key, expiresAt);
}

function duplicate(deps: S3ImportDeps, drop: Drop): S3ImportOutcome {
  deps.log(`s3 event for ${drop.key} (${drop.record.identity}) already handled; skipped`);
  return { kind: 'duplicate', key: drop.key };
}

/** Refuses once per object version: a redelivered event of a bad object is not reported again. */
async function refuseOnce(
  deps: S3ImportDeps,
  drop: Drop,
  code: string,
  problem: readonly [string, string | null],
): Promise<S3ImportOutcome> {
  if (!(await claim(deps, drop))) return duplicate(deps, drop);
  return refuse(deps, drop, code, problem);
}

async function refuse(
  deps: S3ImportDeps,
  drop: Drop,
  code: string,
  [message, hint]: readonly [string, string | null],
): Promise<S3ImportOutcome> {
  await postDropProblem(reportDeps(deps), drop.env, message, hint);
  return { kind: 'refused', env: drop.env, key: drop.key, code };
}

function reportDeps(deps: S3ImportDeps): DropReportDeps {
  return {
    service: deps.service,
    slack: deps.slack,
    log: deps.log,
    reportLink: deps.reportLink ?? null,
    ...(deps.picture === undefined ? {} : { picture: deps.picture }),
  };
}

function tooLargeMessage(drop: Drop, size: string): readonly [string, string] {
  return [
    `${drop.path} is ${size}, over the ${MAX_INPUT_BYTES} bytes flowgate imports; nothing was imported`,
    'Drop the flows one by one, or as several smaller zips.',
  ];
}

/** `forbidden` names the config change that turns S3 drops on. */
function serviceRefusal(error: ServiceError): readonly [string, string | null] {
  if (error.code !== 'forbidden') return [error.message, null];
  return [
    `S3 drops are not allowed to import flows; nothing was imported (${error.message})`,
    `Add '${S3_ACTOR.id}' to roles.editors in the flowgate config to turn S3 drops on.`,
  ];
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
