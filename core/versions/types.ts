import type { Diagnostic } from '../diagnostics.js';
import type { FlowFormat } from '../flow.js';
import type { FlowKind } from '../flowTypes.js';
import type { Reference, ResourceKind } from '../references/types.js';
import type { Resolution } from '../resolve/types.js';

/**
 * The data model of versions, publish requests, remembered mappings and audit events: plain
 * JSON-able values, so every store (DynamoDB, the in-memory fake) keeps them as they are.
 * Times are ISO-8601 strings from the `Clock` port.
 */

/**
 * A flow's identity inside an environment: `flow:<name>` or `module:<name>` (flows and modules
 * are separate resources in Connect and may share a name). See `flowKeyOf`.
 */
export type FlowKey = string;

/**
 * Where an import came from. `ref` is the file name, S3 key, Slack file id or webhook delivery id;
 * for `pull`, the flow's ARN in the source instance; for `promote`, `<source env>:<flow> v<n>`.
 */
export interface VersionSource {
  readonly channel: 'cli' | 'slack' | 's3' | 'webhook' | 'pull' | 'promote' | 'rollback' | 'snapshot';
  readonly ref: string;
  /**
   * The environment the content was read from (a promote from test), when known: planning the
   * version again (after a choice) applies the config's rename rules for it → this environment.
   */
  readonly env?: string;
}

/** An immutable version of a flow in an environment. */
export interface FlowVersion {
  readonly env: string;
  readonly flowKey: FlowKey;
  /** 1, 2, 3…: assigned by the store, never reused. */
  readonly number: number;
  readonly name: string;
  readonly type: FlowKind | null;
  readonly format: FlowFormat;
  /** sha256 hex of `content` (the Flow Language text): same content, same hash. */
  readonly contentHash: string;
  /** sha256 hex of the bytes as delivered (`original`). */
  readonly sourceHash: string;
  readonly source: VersionSource;
  readonly author: string;
  readonly createdAt: string;
  /** For a rollback: the version whose content this one restores. */
  readonly restores: number | null;
  readonly diagnostics: readonly Diagnostic[];
  readonly references: readonly Reference[];
  /** One per reference, same order; resolved against the environment at import time. */
  readonly resolutions: readonly Resolution[];
  /** The Flow Language document as text, re-targeted to the environment: what publishing writes. */
  readonly content: string;
  /** The file exactly as delivered (byte-identical round trip for export of the original). */
  readonly original: string;
}

/** What the store needs to append a version; it assigns `number` (and nothing else). */
export type VersionDraft = Omit<FlowVersion, 'number'>;

/** A version without its (possibly 1 MB) texts, for listings. */
export type VersionSummary = Omit<FlowVersion, 'content' | 'original' | 'references' | 'resolutions'>;

/** The current state of a flow in an environment. */
export interface FlowHead {
  readonly env: string;
  readonly flowKey: FlowKey;
  readonly name: string;
  readonly type: FlowKind | null;
  readonly latest: number;
  /** The version last published, or null. */
  readonly published: number | null;
  /** The flow or module in the contact center, once published (or matched). */
  readonly target: { readonly arn: string; readonly id: string } | null;
  readonly updatedAt: string;
}

/** A publish request's life: pending → approved | rejected | expired, each exactly once; approved → published | failed. */
export type RequestState = 'pending' | 'approved' | 'rejected' | 'expired' | 'published' | 'failed';

/** A request to publish one version, bound to the exact content and resolutions reviewed. */
export interface PublishRequest {
  /** Opaque, unique, safe in a URL and a Slack action value. */
  readonly id: string;
  readonly env: string;
  readonly flowKey: FlowKey;
  readonly version: number;
  readonly contentHash: string;
  /** sha256 of the resolutions the requester saw: any re-resolution voids the request. */
  readonly resolutionHash: string;
  /** sha256 of the target's current content when the request was made (drift guard); null when the flow is new. */
  readonly driftHash: string | null;
  readonly requester: string;
  readonly requestedAt: string;
  readonly expiresAt: string;
  readonly state: RequestState;
  readonly decidedBy: string | null;
  readonly decidedAt: string | null;
  readonly reason: string | null;
  /**
   * Requests opened together as one (a promote) carry the id of the batch's lead request, the
   * lead included: approving or rejecting the lead decides them all, and they publish together.
   * Absent for a request of its own.
   */
  readonly batch?: string;
}

/** A remembered choice: in `env`, references of `kind` to `source` resolve to `target` (ARN or id). */
export interface RememberedMapping {
  readonly env: string;
  readonly kind: ResourceKind;
  readonly source: string;
  /** The name the flow gave the source resource, when `source` is a raw ARN or id and it had one. */
  readonly sourceName?: string;
  readonly target: string;
  readonly chosenBy: string;
  readonly chosenAt: string;
}

/** What happened, for the audit trail. */
export type AuditAction =
  | 'import'
  | 'resolve'
  | 'request'
  | 'approve'
  | 'reject'
  | 'expire'
  | 'publish'
  | 'publish-failed'
  | 'associate'
  | 'rollback';

/** One audit event. `detail` carries the facts of the action (versions, hashes, ARNs). */
export interface AuditEvent {
  readonly id: string;
  readonly env: string;
  readonly at: string;
  readonly actor: string;
  readonly action: AuditAction;
  readonly flowKey: FlowKey | null;
  readonly detail: Readonly<Record<string, string | number | boolean | null>>;
}
