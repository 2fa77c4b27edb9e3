import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ServiceError } from '../../core/errors.js';
import type { Clock, PublishRequests } from '../../core/ports.js';
import type { PublishRequest, RequestState } from '../../core/versions/types.js';
import {
  indexItemSchema,
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
import { type ItemKey, requestIndexPk, requestKey, requestRefKey } from './keys.js';

/** What the DynamoDB publish requests need. */
export interface DynamoPublishRequestsOptions extends DynamoTableOptions {
  /** A pending request's expiry is checked against this on every read and transition. */
  readonly clock: Clock;
}

/**
 * `PublishRequests` on the DynamoDB table: each request beside its flow (`REQ#<id>` in the flow's
 * partition), a pointer by id (`REQ#<id>`, written first and only once, which is what makes ids
 * unique across flows) and the environment's request index. Transitions are conditional on the
 * stored state; from `pending` also on not being past expiry.
 */
export class DynamoPublishRequests implements PublishRequests {
  readonly #table: ItemTable;
  readonly #clock: Clock;

  constructor(options: DynamoPublishRequestsOptions) {
    this.#table = new ItemTable(options);
    this.#clock = options.clock;
  }

  async createRequest(request: PublishRequest): Promise<void> {
    // The pointer is written first and only once: it is what makes the id unique across flows.
    const ref = {
      ...requestRefKey(request.id),
      item: 'request-ref',
      env: request.env,
      flowKey: request.flowKey,
    };
    if (!(await this.#table.putIfAbsent(ref)))
      throw new ServiceError('conflict', `request ${request.id} exists`);
    const item = { ...requestKey(request.env, request.flowKey, request.id), ...requestAttributes(request) };
    if (!(await this.#table.putIfAbsent(item)))
      throw new ServiceError('conflict', `request ${request.id} exists`);
    await this.#table.put({
      pk: requestIndexPk(request.env),
      sk: request.id,
      item: 'request-index',
      flowKey: request.flowKey,
    });
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
    return this.#withExpiry(toRequest(parseItem(requestItemSchema, attributes, 'request')));
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
