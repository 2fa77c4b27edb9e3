import { PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ServiceError } from '../../core/errors.js';
import type { Clock, CreatedRequest, PublishRequests } from '../../core/ports.js';
import { isOpenRequest } from '../../core/versions/requests.js';
import type { FlowKey, PublishRequest, RequestState } from '../../core/versions/types.js';
import {
  indexItemSchema,
  openRequestItemSchema,
  parseItem,
  type RequestItem,
  requestItemSchema,
  requestRefItemSchema,
} from './itemSchemas.js';
import {
  type DynamoTableOptions,
  hasExpired,
  ItemTable,
  isoNow,
  mapLimited,
  READ_CONCURRENCY,
} from './itemTable.js';
import {
  flowPk,
  type ItemKey,
  openRequestKey,
  pendingIndexPk,
  pendingRequestKey,
  REQUEST_PREFIX,
  requestIndexPk,
  requestKey,
  requestRefKey,
} from './keys.js';

/**
 * How long a version's marker may name a request that was never stored before another request
 * may take it over: a create writes the marker and then the request within milliseconds, so a
 * marker this old without its request was left by a create that died in between.
 */
export const OPEN_MARKER_LEASE_MS = 60_000;
/** How often, and how long apart, a create re-reads a marker whose request is still being stored. */
const CLAIM_ATTEMPTS = 40;
const CLAIM_WAIT_MS = 50;

/** What the DynamoDB publish requests need. */
export interface DynamoPublishRequestsOptions extends DynamoTableOptions {
  /** A pending request's expiry is checked against this on every read and transition. */
  readonly clock: Clock;
}

/**
 * `PublishRequests` on the DynamoDB table: each request beside its flow (`REQ#<id>` in the flow's
 * partition), a pointer by id (`REQ#<id>`, written first and only once, which is what makes ids
 * unique across flows), the environment's request index, and while it waits for a decision an
 * entry in the environment's open-request index (`listPendingRequests` reads only those).
 * Transitions are conditional on the stored state; from `pending` also on not being past expiry.
 *
 * One open request per version: before anything else a create takes the version's marker
 * (`OPEN#V#<n>` in the flow's partition) with a conditional write, naming its request. A marker
 * naming a request that is no longer open (decided, expired, of another flow) is taken over with
 * a write conditional on the name it held, so of two creates one wins; one naming a request that
 * was never stored (its create died after the marker) is taken over once
 * {@link OPEN_MARKER_LEASE_MS} has passed, so no crash leaves a version that cannot be requested
 * again. Markers are never deleted: a decided request releases its version by being decided.
 */
export class DynamoPublishRequests implements PublishRequests {
  readonly #table: ItemTable;
  readonly #clock: Clock;

  constructor(options: DynamoPublishRequestsOptions) {
    this.#table = new ItemTable(options);
    this.#clock = options.clock;
  }

  async createRequest(request: PublishRequest): Promise<CreatedRequest> {
    const open = await this.#claimVersion(request);
    if (open !== null) return { request: open, created: false };
    // The pointer is written first and only once: it is what makes the id unique across flows.
    const ref = {
      ...requestRefKey(request.id),
      item: 'request-ref',
      env: request.env,
      flowKey: request.flowKey,
    };
    if (!(await this.#table.putIfAbsent(ref)))
      throw new ServiceError('conflict', `request ${request.id} exists`);
    // Before the request, so a pending request is never missing from the open index; an entry
    // left without its request (a crash here) is skipped by the reader.
    if (request.state === 'pending')
      await this.#table.put({
        ...pendingRequestKey(request.env, request.requestedAt, request.id),
        item: 'pending-index',
        flowKey: request.flowKey,
        // Useless once the request expires (it no longer reads as pending): TTL tidies what a
        // crash or an unrecorded expiry left behind.
        expiresAt: Math.ceil(Date.parse(request.expiresAt) / 1000),
      });
    const item = { ...requestKey(request.env, request.flowKey, request.id), ...requestAttributes(request) };
    if (!(await this.#table.putIfAbsent(item)))
      throw new ServiceError('conflict', `request ${request.id} exists`);
    await this.#table.put({
      pk: requestIndexPk(request.env),
      sk: request.id,
      item: 'request-index',
      flowKey: request.flowKey,
    });
    return { request, created: true };
  }

  async listFlowRequests(env: string, flowKey: FlowKey): Promise<PublishRequest[]> {
    const items = await this.#table.query({
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': flowPk(env, flowKey), ':prefix': REQUEST_PREFIX },
    });
    return items
      .map((raw) => this.#withExpiry(toRequest(parseItem(requestItemSchema, raw, 'request'))))
      .sort((a, b) => b.requestedAt.localeCompare(a.requestedAt) || b.id.localeCompare(a.id));
  }

  /**
   * Makes `request` the holder of its version's marker and returns null, or returns the open
   * request that holds it.
   */
  async #claimVersion(request: PublishRequest): Promise<PublishRequest | null> {
    const key = openRequestKey(request.env, request.flowKey, request.version);
    const marker = { ...key, item: 'request-open', request: request.id, claimedAt: isoNow(this.#clock) };
    for (let attempt = 0; attempt < CLAIM_ATTEMPTS; attempt += 1) {
      const raw = await this.#table.get(key);
      if (raw === null) {
        if (await this.#table.putIfAbsent(marker)) return null;
        continue;
      }
      const held = parseItem(openRequestItemSchema, raw, 'open request marker');
      const holder = await this.getRequest(held.request);
      if (holder !== null && isSameVersion(holder, request) && isOpenRequest(holder)) return holder;
      if (holder === null && !this.#leaseOver(held.claimedAt)) {
        // Its create is between the marker and the request: the request appears in a moment.
        await new Promise((resolve) => setTimeout(resolve, CLAIM_WAIT_MS));
        continue;
      }
      if (await this.#takeOver(marker, held.request)) return null;
    }
    throw new ServiceError(
      'conflict',
      `Another publish request for ${request.flowKey} v${request.version} in ${request.env} is being stored right now; try again in a minute.`,
    );
  }

  /** Replaces the marker only if it still names `previous`: of two creates taking it over, one wins. */
  #takeOver(marker: Record<string, unknown>, previous: string): Promise<boolean> {
    return this.#table.conditional('take over open request marker', () =>
      this.#table.doc.send(
        new PutCommand({
          TableName: this.#table.name,
          Item: marker,
          ConditionExpression: '#request = :previous',
          ExpressionAttributeNames: { '#request': 'request' },
          ExpressionAttributeValues: { ':previous': previous },
        }),
      ),
    );
  }

  #leaseOver(claimedAt: string): boolean {
    return Date.parse(claimedAt) + OPEN_MARKER_LEASE_MS <= this.#clock.now().getTime();
  }

  async getRequest(id: string): Promise<PublishRequest | null> {
    const key = await this.#requestLocation(id);
    if (key === null) return null;
    const raw = await this.#table.get(key);
    return raw === null ? null : this.#withExpiry(toRequest(parseItem(requestItemSchema, raw, 'request')));
  }

  async listRequests(env: string, state?: RequestState): Promise<PublishRequest[]> {
    const index = await this.#table.query({
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': requestIndexPk(env) },
    });
    const entries = index.map((raw) => parseItem(indexItemSchema, raw, 'request index entry'));
    const found = await mapLimited(entries, READ_CONCURRENCY, (entry) =>
      this.#table.get(requestKey(env, entry.flowKey, entry.sk)),
    );
    return found
      .filter((raw): raw is Record<string, unknown> => raw !== null)
      .map((raw) => this.#withExpiry(toRequest(parseItem(requestItemSchema, raw, 'request'))))
      .filter((request) => state === undefined || request.state === state)
      .sort((a, b) => b.requestedAt.localeCompare(a.requestedAt) || b.id.localeCompare(a.id));
  }

  async listPendingRequests(env: string): Promise<PublishRequest[]> {
    const index = await this.#table.query({
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': pendingIndexPk(env) },
      ScanIndexForward: true,
    });
    const entries = index.map((raw) => parseItem(indexItemSchema, raw, 'open request index entry'));
    const found = await mapLimited(entries, READ_CONCURRENCY, (entry) =>
      this.#table.get(requestKey(env, entry.flowKey, requestIdOf(entry.sk))),
    );
    // The index is a hint: the request itself says whether it still waits (a crash can leave an
    // entry behind a decision, and expiry is only recorded later).
    return found
      .filter((raw): raw is Record<string, unknown> => raw !== null)
      .map((raw) => this.#withExpiry(toRequest(parseItem(requestItemSchema, raw, 'request'))))
      .filter((request) => request.state === 'pending')
      .sort((a, b) => a.requestedAt.localeCompare(b.requestedAt) || a.id.localeCompare(b.id));
  }

  async transitionRequest(
    id: string,
    from: RequestState,
    to: RequestState,
    patch: Partial<Pick<PublishRequest, 'decidedBy' | 'decidedAt' | 'reason'>>,
  ): Promise<PublishRequest | null> {
    const key = await this.#requestLocation(id);
    if (key === null) return null;
    const update = transitionUpdate(from, to, patch, isoNow(this.#clock));
    let attributes: Record<string, unknown> | undefined;
    const moved = await this.#table.conditional('transition request', async () => {
      const result = await this.#table.doc.send(
        new UpdateCommand({ TableName: this.#table.name, Key: key, ReturnValues: 'ALL_NEW', ...update }),
      );
      attributes = result.Attributes;
    });
    if (!moved || attributes === undefined) return null;
    const request = toRequest(parseItem(requestItemSchema, attributes, 'request'));
    // After the decision: a crash before this leaves an entry the reader skips.
    if (from === 'pending' || from === 'expired')
      await this.#table.delete(pendingRequestKey(request.env, request.requestedAt, request.id));
    return this.#withExpiry(request);
  }

  async #requestLocation(id: string): Promise<ItemKey | null> {
    const raw = await this.#table.get(requestRefKey(id));
    if (raw === null) return null;
    const ref = parseItem(requestRefItemSchema, raw, 'request pointer');
    return requestKey(ref.env, ref.flowKey, id);
  }

  #withExpiry(request: PublishRequest): PublishRequest {
    return request.state === 'pending' && hasExpired(request.expiresAt, this.#clock)
      ? { ...request, state: 'expired' }
      : request;
  }
}

function isSameVersion(a: PublishRequest, b: PublishRequest): boolean {
  return a.env === b.env && a.flowKey === b.flowKey && a.version === b.version;
}

/** The expression parts of a conditional `UpdateItem`. */
interface ConditionalUpdate {
  readonly UpdateExpression: string;
  readonly ConditionExpression: string;
  readonly ExpressionAttributeNames: Record<string, string>;
  readonly ExpressionAttributeValues: Record<string, unknown>;
}

/** The update that moves a request from `from` to `to`, only if it is still in `from` now. */
function transitionUpdate(
  from: RequestState,
  to: RequestState,
  patch: Partial<Pick<PublishRequest, 'decidedBy' | 'decidedAt' | 'reason'>>,
  now: string,
): ConditionalUpdate {
  const names: Record<string, string> = { '#state': 'state' };
  const values: Record<string, unknown> = { ':to': to };
  const sets = ['#state = :to'];
  for (const field of ['decidedBy', 'decidedAt', 'reason'] as const) {
    const value = patch[field];
    if (value === undefined) continue;
    names[`#${field}`] = field;
    values[`:${field}`] = value;
    sets.push(`#${field} = :${field}`);
  }
  let condition: string;
  if (from === 'pending') {
    // A pending request past its expiry is expired: it can no longer be approved or rejected.
    condition = '#state = :pending AND #expires > :now';
    Object.assign(values, { ':pending': 'pending', ':now': now });
    names['#expires'] = 'requestExpiresAt';
  } else if (from === 'expired' && to === 'expired') {
    // Recording the expiry of a request that expired while still stored as pending.
    condition = '#state = :expired OR (#state = :pending AND #expires <= :now)';
    Object.assign(values, { ':expired': 'expired', ':pending': 'pending', ':now': now });
    names['#expires'] = 'requestExpiresAt';
  } else {
    condition = '#state = :from';
    values[':from'] = from;
  }
  return {
    UpdateExpression: `SET ${sets.join(', ')}`,
    ConditionExpression: `attribute_exists(pk) AND (${condition})`,
    ExpressionAttributeNames: names,
    ExpressionAttributeValues: values,
  };
}

/** The request id of an open-request index sort key (`<requestedAt>#<id>`: an ISO time holds no `#`). */
function requestIdOf(sk: string): string {
  return sk.slice(sk.indexOf('#') + 1);
}

function requestAttributes(request: PublishRequest): Record<string, unknown> {
  return {
    item: 'request',
    id: request.id,
    env: request.env,
    flowKey: request.flowKey,
    version: request.version,
    contentHash: request.contentHash,
    resolutionHash: request.resolutionHash,
    driftHash: request.driftHash,
    requester: request.requester,
    requestedAt: request.requestedAt,
    // Not `expiresAt`: that is the table's TTL attribute, and decided requests must not vanish.
    requestExpiresAt: request.expiresAt,
    state: request.state,
    decidedBy: request.decidedBy,
    decidedAt: request.decidedAt,
    reason: request.reason,
    ...(request.batch === undefined ? {} : { batch: request.batch }),
  };
}

function toRequest(item: RequestItem): PublishRequest {
  return {
    id: item.id,
    env: item.env,
    flowKey: item.flowKey,
    version: item.version,
    contentHash: item.contentHash,
    resolutionHash: item.resolutionHash,
    driftHash: item.driftHash,
    requester: item.requester,
    requestedAt: item.requestedAt,
    expiresAt: item.requestExpiresAt,
    state: item.state,
    decidedBy: item.decidedBy,
    decidedAt: item.decidedAt,
    reason: item.reason,
    ...(item.batch === undefined ? {} : { batch: item.batch }),
  };
}
