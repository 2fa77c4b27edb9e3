import { hasErrors } from '../diagnostics.js';
import type { Json } from '../json.js';
import type { Resolution } from '../resolve/types.js';
import { sha256 } from './hash.js';
import type { FlowVersion, PublishRequest, RequestState, VersionSummary } from './types.js';

/**
 * JSON with object keys sorted at every level, so equal values always give equal text (and equal
 * hashes) whatever order a store or a parser kept the keys in.
 */
export function canonicalJson(value: Json): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const keys = Object.keys(value).sort();
    const entries = keys.flatMap((key) => {
      const item = (value as Readonly<Record<string, Json | undefined>>)[key];
      return item === undefined ? [] : [`${JSON.stringify(key)}:${canonicalJson(item)}`];
    });
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value);
}

/** sha256 of the canonical JSON of a version's resolutions: what a publish request binds. */
export function resolutionHash(resolutions: readonly Resolution[]): string {
  return sha256(canonicalJson(resolutions as unknown as Json));
}

/** sha256 of a flow's content as the contact center holds it, or null when there is no such flow. */
export function driftHashOf(content: string | null): string | null {
  return content === null ? null : sha256(content);
}

/**
 * Why a version cannot be published, most important first: its error diagnostics, then every
 * required reference left unresolved that no diagnostic already names. Empty when it can be.
 */
export function publishProblems(version: FlowVersion): string[] {
  const errors = version.diagnostics.filter((d) => d.severity === 'error');
  const problems = errors.map((d) => (d.action === null ? d.message : `${d.message} (${d.action})`));
  const named = new Set(errors.map((d) => d.action));
  version.references.forEach((ref, i) => {
    const by = version.resolutions[i]?.by ?? 'unresolved';
    if (!ref.required || by !== 'unresolved' || named.has(ref.action)) return;
    const shown = ref.name !== null && ref.name !== '' ? ref.name : ref.value;
    problems.push(`The ${ref.kind} '${shown}' in block '${ref.action}' is not resolved in ${version.env}.`);
  });
  return problems;
}

/** True when `publishProblems` finds nothing (a cheap check first: no error diagnostics). */
export function isPublishable(version: FlowVersion): boolean {
  return !hasErrors(version.diagnostics) && publishProblems(version).length === 0;
}

/** Snapshots record what a publish replaced; they are never "the latest import" of a flow. */
export function isSnapshot(version: Pick<VersionSummary, 'source'>): boolean {
  return version.source.channel === 'snapshot';
}

/** The ISO time `hours` after `now`. */
export function expiryAfter(now: Date, hours: number): string {
  return new Date(now.getTime() + hours * 3_600_000).toISOString();
}

/**
 * True while a request still stands for its version: pending (as read now, expiry applied) or
 * approved and not yet published. A version has at most one open request per environment.
 */
export function isOpenRequest(request: Pick<PublishRequest, 'state'>): boolean {
  return request.state === 'pending' || request.state === 'approved';
}

/** What happened to a request that is no longer pending, for people: "was approved by bob at …". */
export function describeRequestState(request: PublishRequest): string {
  const by = request.decidedBy ?? 'someone';
  const at = request.decidedAt === null ? '' : ` at ${request.decidedAt}`;
  const why = request.reason === null || request.reason === '' ? '' : ` (${request.reason})`;
  const phrases: Readonly<Record<RequestState, string>> = {
    pending: `is still pending (requested by ${request.requester}, expires ${request.expiresAt})`,
    approved: `was already approved by ${by}${at}`,
    rejected: `was rejected by ${by}${at}${why}`,
    expired: `expired at ${request.expiresAt} before anyone decided`,
    published: `was approved by ${by}${at} and has been published`,
    failed: `was approved by ${by}${at}, but publishing it failed${why}`,
  };
  return phrases[request.state];
}

/** What a new publish request is made of: who asks for which version, against what the target holds. */
export interface NewRequest {
  readonly id: string;
  readonly env: string;
  readonly version: FlowVersion;
  /** The target's current content (the drift guard's baseline), or null when it has none. */
  readonly currentContent: string | null;
  readonly requester: string;
  readonly now: Date;
  readonly expiresAfterHours: number;
  /** The lead request's id when this request is part of a promoted batch. */
  readonly batch?: string;
}

/** A pending publish request binding the version's content and resolutions and the target's drift hash. */
export function pendingRequest(input: NewRequest): PublishRequest {
  return {
    id: input.id,
    env: input.env,
    flowKey: input.version.flowKey,
    version: input.version.number,
    contentHash: input.version.contentHash,
    resolutionHash: resolutionHash(input.version.resolutions),
    driftHash: driftHashOf(input.currentContent),
    requester: input.requester,
    requestedAt: input.now.toISOString(),
    expiresAt: expiryAfter(input.now, input.expiresAfterHours),
    state: 'pending',
    decidedBy: null,
    decidedAt: null,
    reason: null,
    ...(input.batch === undefined ? {} : { batch: input.batch }),
  };
}
