import { FlowgateError } from '../../core/errors.js';
import type { FlowKey } from '../../core/versions/types.js';

/**
 * The single table's keys, as DESIGN.md's data model lays them out, plus the index items
 * that let the adapters list by environment with strongly consistent queries instead of a scan or
 * an (eventually consistent) secondary index.
 */

/** A table key. */
export interface ItemKey {
  readonly pk: string;
  readonly sk: string;
}

/** Digits of a version number in its sort key, so `V#` keys sort numerically. */
const VERSION_DIGITS = 10;

/** The sort-key prefix of version items. */
export const VERSION_PREFIX = 'V#';

/** The partition of one flow: its head, versions and publish requests. */
export function flowPk(env: string, flowKey: FlowKey): string {
  return `ENV#${envPart(env)}#FLOW#${flowKey}`;
}

/** A flow's head. */
export function headKey(env: string, flowKey: FlowKey): ItemKey {
  return { pk: flowPk(env, flowKey), sk: 'HEAD' };
}

/** Version `number` of a flow (immutable once written). */
export function versionKey(env: string, flowKey: FlowKey, number: number): ItemKey {
  if (!Number.isSafeInteger(number) || number < 1 || String(number).length > VERSION_DIGITS)
    throw new FlowgateError('invalid-version', `version number ${number} is not a positive whole number`);
  return { pk: flowPk(env, flowKey), sk: `${VERSION_PREFIX}${String(number).padStart(VERSION_DIGITS, '0')}` };
}

/** A publish request, beside the flow it publishes. */
export function requestKey(env: string, flowKey: FlowKey, id: string): ItemKey {
  return { pk: flowPk(env, flowKey), sk: `${REQUEST_PREFIX}${id}` };
}

/**
 * The marker that makes a version's open request unique in its environment: it names the request
 * that holds the version (one conditional write decides between concurrent requests).
 */
export function openRequestKey(env: string, flowKey: FlowKey, version: number): ItemKey {
  const { sk } = versionKey(env, flowKey, version);
  return { pk: flowPk(env, flowKey), sk: `OPEN#${sk}` };
}

/** The sort-key prefix of a flow's publish requests. */
export const REQUEST_PREFIX = 'REQ#';

/** The pointer that finds a request by id alone (its env and flow key). */
export function requestRefKey(id: string): ItemKey {
  return { pk: `REQ#${id}`, sk: '-' };
}

/** The partition listing an environment's request ids (sort key: the id). */
export function requestIndexPk(env: string): string {
  return `ENV#${envPart(env)}#REQS`;
}

/**
 * An entry of an environment's open-request index: requests waiting for a decision, by request
 * time (the sort key `<requestedAt>#<id>` lists them oldest first). Written before the request,
 * removed after it leaves `pending`; a reader checks each against the request itself.
 */
export function pendingRequestKey(env: string, requestedAt: string, id: string): ItemKey {
  return { pk: pendingIndexPk(env), sk: `${requestedAt}#${id}` };
}

/** The partition of an environment's open-request index. */
export function pendingIndexPk(env: string): string {
  return `ENV#${envPart(env)}#PENDING`;
}

/** The partition listing an environment's flow keys (sort key: the flow key). */
export function flowIndexPk(env: string): string {
  return `ENV#${envPart(env)}#FLOWS`;
}

/** The partition of an environment's remembered mappings (sort key `<kind>#<source>`). */
export function mappingPk(env: string): string {
  return `ENV#${envPart(env)}#MAP`;
}

/** An audit event, partitioned by month so no partition grows without bound. */
export function auditKey(env: string, at: string, id: string): ItemKey {
  return { pk: auditPk(env, auditMonth(at)), sk: `${at}#${id}` };
}

/** The partition of an environment's audit events in `month` (`yyyy-mm`). */
export function auditPk(env: string, month: string): string {
  return `ENV#${envPart(env)}#AUDIT#${month}`;
}

/** The set of months that hold audit events, so a listing knows which partitions to read. */
export function auditMonthsKey(env: string): ItemKey {
  return { pk: `ENV#${envPart(env)}#AUDIT`, sk: 'MONTHS' };
}

/** An idempotency key. */
export function idempotencyKey(key: string): ItemKey {
  return { pk: `IDEMP#${key}`, sk: '-' };
}

/** The `yyyy-mm` of an ISO time. */
export function auditMonth(at: string): string {
  const month = at.slice(0, 7);
  if (!/^\d{4}-\d{2}$/.test(month))
    throw new FlowgateError('invalid-time', `audit time "${at}" is not an ISO-8601 time`);
  return month;
}

/** An environment name can not hold `#`: it would make one environment's keys another's. */
function envPart(env: string): string {
  if (env === '' || env.includes('#'))
    throw new FlowgateError('invalid-environment', `environment name "${env}" is empty or contains "#"`);
  return env;
}
