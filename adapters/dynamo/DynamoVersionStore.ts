import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  DeleteCommand,
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  paginateQuery,
  QueryCommand,
  type QueryCommandInput,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { FlowgateError, ServiceError } from '../../core/errors.js';
import type { Clock, FileStore, VersionStore } from '../../core/ports.js';
import type {
  AuditEvent,
  FlowHead,
  FlowKey,
  FlowVersion,
  PublishRequest,
  RememberedMapping,
  RequestState,
  VersionDraft,
  VersionSummary,
} from '../../core/versions/types.js';
import {
  auditItemSchema,
  auditMonthsItemSchema,
  headItemSchema,
  indexItemSchema,
  type LatestVersion,
  latestVersionSchema,
  mappingItemSchema,
  parseItem,
  type RequestItem,
  requestItemSchema,
  requestRefItemSchema,
  versionItemSchema,
} from './itemSchemas.js';
import {
  auditKey,
  auditMonth,
  auditMonthsKey,
  auditPk,
  flowIndexPk,
  flowPk,
  headKey,
  type ItemKey,
  idempotencyKey,
  mappingPk,
  requestIndexPk,
  requestKey,
  requestRefKey,
  VERSION_PREFIX,
  versionKey,
} from './keys.js';
import { decodeSummary, decodeVersion, type EncodedVersion, encodeVersion } from './versionItems.js';

export { createVersionTable } from './versionTable.js';

/** How conflicting appends to one flow back off and retry (full jitter, bounded). */
export interface AppendRetryOptions {
  /** Tries before giving up with `append-contention`. Default 100. */
  readonly attempts?: number;
  /** First backoff ceiling; doubles each try. Default 5 ms. */
  readonly baseDelayMs?: number;
  /** Largest backoff ceiling. Default 200 ms. */
  readonly maxDelayMs?: number;
}

/** What the DynamoDB store needs: everything from outside comes in here. */
export interface DynamoVersionStoreOptions {
  /** The DynamoDB client, with its region, credentials, endpoint and retry policy (throttling is its job). */
  readonly client: DynamoDBClient;
  readonly tableName: string;
  /** Where version bodies too large for an item go, by hash. */
  readonly files: FileStore;
  /** Expiry of requests and idempotency keys is checked against this on every read. */
  readonly clock: Clock;
  /** Largest version item written with its body inline (bytes); above it the body goes to `files`. Default 300 000. */
  readonly inlineLimitBytes?: number;
  readonly appendRetry?: AppendRetryOptions;
  /** Random numbers in [0, 1) for jitter. Default `Math.random`. */
  readonly random?: () => number;
}

/** Parallel reads when a listing fetches items one by one. */
const READ_CONCURRENCY = 16;

/** Version attributes a listing reads: everything but the inline body. */
const SUMMARY_ATTRIBUTES = [
  'pk',
  'sk',
  'env',
  'flowKey',
  'number',
  'name',
  'type',
  'format',
  'contentHash',
  'sourceHash',
  'source',
  'author',
  'createdAt',
  'restores',
  'diagnostics',
  'diagnosticsInBody',
  'bodyKey',
];

/**
 * The `VersionStore` on one DynamoDB table (DESIGN.md's data model) with single-item conditional
 * writes only: versions are created with `attribute_not_exists` and retried on conflict, the head
 * only moves forward, and request transitions are conditional on the state. Expiry is checked on
 * every read, since DynamoDB deletes expired items late and dynalite never.
 */
export class DynamoVersionStore implements VersionStore {
  readonly #doc: DynamoDBDocumentClient;
  readonly #table: string;
  readonly #files: FileStore;
  readonly #clock: Clock;
  readonly #inlineLimit: number;
  readonly #attempts: number;
  readonly #baseDelay: number;
  readonly #maxDelay: number;
  readonly #random: () => number;
  /** `env\u0000month` already recorded in the months set by this process. */
  readonly #knownMonths = new Set<string>();

  constructor(options: DynamoVersionStoreOptions) {
    this.#doc = DynamoDBDocumentClient.from(options.client);
    this.#table = options.tableName;
    this.#files = options.files;
    this.#clock = options.clock;
    this.#inlineLimit = options.inlineLimitBytes ?? 300_000;
    this.#attempts = options.appendRetry?.attempts ?? 100;
    this.#baseDelay = options.appendRetry?.baseDelayMs ?? 5;
    this.#maxDelay = options.appendRetry?.maxDelayMs ?? 200;
    this.#random = options.random ?? Math.random;
  }

  async appendVersion(draft: VersionDraft): Promise<{ version: FlowVersion; created: boolean }> {
    let encoded: EncodedVersion | null = null;
    for (let attempt = 0; attempt < this.#attempts; attempt++) {
      const latest = await this.#latestVersion(draft.env, draft.flowKey);
      if (latest !== null && latest.contentHash === draft.contentHash) {
        const version = await this.getVersion(draft.env, draft.flowKey, latest.number);
        if (version !== null) return { version, created: false };
      }
      // Indexed before its first version exists, so a flow with versions is always listed.
      if (latest === null) await this.#indexFlow(draft.env, draft.flowKey);
      encoded ??= await encodeVersion(draft, this.#files, this.#inlineLimit);
      const number = (latest?.number ?? 0) + 1;
      const item = { ...versionKey(draft.env, draft.flowKey, number), item: 'version', number, ...encoded };
      if (await this.#putIfAbsent(item)) {
        await this.#advanceHead(draft, number);
        return { version: { ...draft, number }, created: true };
      }
      await this.#backoff(attempt);
    }
    throw new FlowgateError(
      'append-contention',
      `could not append a version of ${draft.flowKey} in ${draft.env} after ${this.#attempts} conflicting tries`,
    );
  }

  async getVersion(env: string, flowKey: FlowKey, number: number): Promise<FlowVersion | null> {
    const raw = await this.#get(versionKey(env, flowKey, number));
    return raw === null
      ? null
      : decodeVersion(parseItem(versionItemSchema, raw, 'version'), raw, this.#files);
  }

  async listVersions(env: string, flowKey: FlowKey): Promise<VersionSummary[]> {
    const names = Object.fromEntries(SUMMARY_ATTRIBUTES.map((name, i) => [`#a${i}`, name]));
    const items = await this.#query({
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': flowPk(env, flowKey), ':prefix': VERSION_PREFIX },
      ProjectionExpression: Object.keys(names).join(', '),
      ExpressionAttributeNames: names,
      ScanIndexForward: false,
    });
    return mapLimited(items, READ_CONCURRENCY, async (summary) => {
      const item = parseItem(versionItemSchema, summary, 'version');
      if (!item.diagnosticsInBody) return decodeSummary(item, summary, this.#files);
      // The diagnostics live in the body, which the projection left out.
      const raw = await this.#get(versionKey(env, flowKey, item.number));
      if (raw === null) throw new FlowgateError('not-found', `version ${item.number} of ${flowKey} vanished`);
      return decodeSummary(parseItem(versionItemSchema, raw, 'version'), raw, this.#files);
    });
  }

  async getHead(env: string, flowKey: FlowKey): Promise<FlowHead | null> {
    const raw = await this.#get(headKey(env, flowKey));
    return raw === null ? null : toHead(raw);
  }

  async listHeads(env: string): Promise<FlowHead[]> {
    const index = await this.#query({
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': flowIndexPk(env) },
    });
    const flowKeys = index.map((raw) => parseItem(indexItemSchema, raw, 'flow index entry').flowKey);
    const heads = await mapLimited(flowKeys, READ_CONCURRENCY, (flowKey) => this.getHead(env, flowKey));
    return heads
      .filter((head): head is FlowHead => head !== null)
      .sort((a, b) => a.name.localeCompare(b.name) || a.flowKey.localeCompare(b.flowKey));
  }

  async markPublished(
    env: string,
    flowKey: FlowKey,
    version: number,
    target: FlowHead['target'],
  ): Promise<void> {
    const updated = await this.#conditional('mark published', () =>
      this.#doc.send(
        new UpdateCommand({
          TableName: this.#table,
          Key: headKey(env, flowKey),
          UpdateExpression: 'SET published = :version, #target = :target, updatedAt = :now',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeNames: { '#target': 'target' },
          ExpressionAttributeValues: { ':version': version, ':target': target, ':now': this.#now() },
        }),
      ),
    );
    if (!updated) throw new ServiceError('not-found', `no flow ${flowKey} in ${env}`);
  }

  async createRequest(request: PublishRequest): Promise<void> {
    // The pointer is written first and only once: it is what makes the id unique across flows.
    const ref = {
      ...requestRefKey(request.id),
      item: 'request-ref',
      env: request.env,
      flowKey: request.flowKey,
    };
    if (!(await this.#putIfAbsent(ref))) throw new ServiceError('conflict', `request ${request.id} exists`);
    const item = { ...requestKey(request.env, request.flowKey, request.id), ...requestAttributes(request) };
    if (!(await this.#putIfAbsent(item))) throw new ServiceError('conflict', `request ${request.id} exists`);
    await this.#put({
      pk: requestIndexPk(request.env),
      sk: request.id,
      item: 'request-index',
      flowKey: request.flowKey,
    });
  }

  async getRequest(id: string): Promise<PublishRequest | null> {
    const key = await this.#requestLocation(id);
    if (key === null) return null;
    const raw = await this.#get(key);
    return raw === null ? null : this.#withExpiry(toRequest(parseItem(requestItemSchema, raw, 'request')));
  }

  async listRequests(env: string, state?: RequestState): Promise<PublishRequest[]> {
    const index = await this.#query({
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': requestIndexPk(env) },
    });
    const entries = index.map((raw) => parseItem(indexItemSchema, raw, 'request index entry'));
    const found = await mapLimited(entries, READ_CONCURRENCY, (entry) =>
      this.#get(requestKey(env, entry.flowKey, entry.sk)),
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
    const update = transitionUpdate(from, to, patch, this.#now());
    let attributes: Record<string, unknown> | undefined;
    const moved = await this.#conditional('transition request', async () => {
      const result = await this.#doc.send(
        new UpdateCommand({ TableName: this.#table, Key: key, ReturnValues: 'ALL_NEW', ...update }),
      );
      attributes = result.Attributes;
    });
    if (!moved || attributes === undefined) return null;
    return this.#withExpiry(toRequest(parseItem(requestItemSchema, attributes, 'request')));
  }

  async putMapping(mapping: RememberedMapping): Promise<void> {
    await this.#put({
      pk: mappingPk(mapping.env),
      sk: `${mapping.kind}#${mapping.source}`,
      item: 'mapping',
      env: mapping.env,
      kind: mapping.kind,
      source: mapping.source,
      target: mapping.target,
      chosenBy: mapping.chosenBy,
      chosenAt: mapping.chosenAt,
    });
  }

  async listMappings(env: string): Promise<RememberedMapping[]> {
    const items = await this.#query({
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': mappingPk(env) },
    });
    return items.map((raw) => parseItem(mappingItemSchema, raw, 'mapping'));
  }

  async appendAudit(event: AuditEvent): Promise<void> {
    const month = auditMonth(event.at);
    // The month is recorded before the event, so a listing never misses a written event.
    if (!this.#knownMonths.has(`${event.env}\u0000${month}`)) {
      await this.#run('record audit month', () =>
        this.#doc.send(
          new UpdateCommand({
            TableName: this.#table,
            Key: auditMonthsKey(event.env),
            UpdateExpression: 'SET #item = :item ADD months :month',
            ExpressionAttributeNames: { '#item': 'item' },
            ExpressionAttributeValues: { ':item': 'audit-months', ':month': new Set([month]) },
          }),
        ),
      );
      this.#knownMonths.add(`${event.env}\u0000${month}`);
    }
    await this.#put({ ...auditKey(event.env, event.at, event.id), item: 'audit', ...event });
  }

  async listAudit(env: string, since?: string): Promise<AuditEvent[]> {
    const raw = await this.#get(auditMonthsKey(env));
    const months = raw === null ? [] : [...parseItem(auditMonthsItemSchema, raw, 'audit month set').months];
    const from = since === undefined ? '' : since.slice(0, 7);
    const events: AuditEvent[] = [];
    for (const month of months.filter((m) => m >= from).sort((a, b) => b.localeCompare(a))) {
      const items = await this.#query({
        KeyConditionExpression: since === undefined ? 'pk = :pk' : 'pk = :pk AND sk >= :since',
        ExpressionAttributeValues:
          since === undefined
            ? { ':pk': auditPk(env, month) }
            : { ':pk': auditPk(env, month), ':since': since },
        ScanIndexForward: false,
      });
      for (const item of items) events.push(parseItem(auditItemSchema, item, 'audit event'));
    }
    return events;
  }

  async claimOnce(key: string, expiresAt: string): Promise<boolean> {
    const epochMs = Date.parse(expiresAt);
    if (Number.isNaN(epochMs))
      throw new FlowgateError('invalid-time', `idempotency expiry "${expiresAt}" is not an ISO-8601 time`);
    return this.#conditional('claim idempotency key', () =>
      this.#doc.send(
        new PutCommand({
          TableName: this.#table,
          // `until` is compared exactly on read; `expiresAt` (epoch seconds) lets DynamoDB's TTL delete it later.
          Item: {
            ...idempotencyKey(key),
            item: 'idempotency',
            until: expiresAt,
            expiresAt: Math.ceil(epochMs / 1000),
          },
          ConditionExpression: 'attribute_not_exists(pk) OR #until <= :now',
          ExpressionAttributeNames: { '#until': 'until' },
          ExpressionAttributeValues: { ':now': this.#now() },
        }),
      ),
    );
  }

  async hasClaim(key: string): Promise<boolean> {
    const result = await this.#run('read idempotency key', () =>
      this.#doc.send(
        new GetCommand({ TableName: this.#table, Key: idempotencyKey(key), ConsistentRead: true }),
      ),
    );
    const until = result.Item?.until;
    return typeof until === 'string' && until > this.#now();
  }

  async releaseClaim(key: string): Promise<void> {
    await this.#run('release idempotency key', () =>
      this.#doc.send(new DeleteCommand({ TableName: this.#table, Key: idempotencyKey(key) })),
    );
  }

  /** The latest version's number and content hash: retries read only these, never the body. */
  async #latestVersion(env: string, flowKey: FlowKey): Promise<LatestVersion | null> {
    const result = await this.#run('read latest version', () =>
      this.#doc.send(
        new QueryCommand({
          TableName: this.#table,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
          ExpressionAttributeValues: { ':pk': flowPk(env, flowKey), ':prefix': VERSION_PREFIX },
          ProjectionExpression: 'pk, sk, #number, contentHash',
          ExpressionAttributeNames: { '#number': 'number' },
          ScanIndexForward: false,
          Limit: 1,
          ConsistentRead: true,
        }),
      ),
    );
    const raw = result.Items?.[0];
    return raw === undefined ? null : parseItem(latestVersionSchema, raw, 'version');
  }

  async #indexFlow(env: string, flowKey: FlowKey): Promise<void> {
    await this.#put({ pk: flowIndexPk(env), sk: flowKey, item: 'flow-index', flowKey });
  }

  /** Moves the head to `number`, unless a concurrent append already moved it further. */
  async #advanceHead(draft: VersionDraft, number: number): Promise<void> {
    await this.#conditional('advance head', () =>
      this.#doc.send(
        new UpdateCommand({
          TableName: this.#table,
          Key: headKey(draft.env, draft.flowKey),
          UpdateExpression:
            'SET #item = :item, env = :env, flowKey = :flowKey, #name = :name, #type = :type, latest = :n, ' +
            'updatedAt = :at, published = if_not_exists(published, :null), #target = if_not_exists(#target, :null)',
          ConditionExpression: 'attribute_not_exists(pk) OR latest < :n',
          ExpressionAttributeNames: {
            '#item': 'item',
            '#name': 'name',
            '#type': 'type',
            '#target': 'target',
          },
          ExpressionAttributeValues: {
            ':item': 'head',
            ':env': draft.env,
            ':flowKey': draft.flowKey,
            ':name': draft.name,
            ':type': draft.type,
            ':n': number,
            ':at': draft.createdAt,
            ':null': null,
          },
        }),
      ),
    );
  }

  async #requestLocation(id: string): Promise<ItemKey | null> {
    const raw = await this.#get(requestRefKey(id));
    if (raw === null) return null;
    const ref = parseItem(requestRefItemSchema, raw, 'request pointer');
    return requestKey(ref.env, ref.flowKey, id);
  }

  #withExpiry(request: PublishRequest): PublishRequest {
    return request.state === 'pending' && request.expiresAt <= this.#now()
      ? { ...request, state: 'expired' }
      : request;
  }

  async #get(key: ItemKey): Promise<Record<string, unknown> | null> {
    const result = await this.#run('get', () =>
      this.#doc.send(new GetCommand({ TableName: this.#table, Key: key, ConsistentRead: true })),
    );
    return result.Item ?? null;
  }

  async #query(input: Omit<QueryCommandInput, 'TableName'>): Promise<Record<string, unknown>[]> {
    return this.#run('query', async () => {
      const items: Record<string, unknown>[] = [];
      const pages = paginateQuery(
        { client: this.#doc },
        { ...input, TableName: this.#table, ConsistentRead: true },
      );
      for await (const page of pages) items.push(...(page.Items ?? []));
      return items;
    });
  }

  async #put(item: Record<string, unknown>): Promise<void> {
    await this.#run('put', () => this.#doc.send(new PutCommand({ TableName: this.#table, Item: item })));
  }

  /** Writes `item` unless an item with its key exists; false when one does. */
  #putIfAbsent(item: Record<string, unknown>): Promise<boolean> {
    return this.#conditional('put', () =>
      this.#doc.send(
        new PutCommand({
          TableName: this.#table,
          Item: item,
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      ),
    );
  }

  /** Runs a conditional write: true when it was applied, false when its condition failed. */
  async #conditional(what: string, write: () => Promise<unknown>): Promise<boolean> {
    try {
      await this.#run(what, write);
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }

  /** Runs one call; failures other than a failed condition become `version-store-failed`. */
  async #run<T>(what: string, call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (error) {
      if (isConditionFailure(error) || error instanceof FlowgateError) throw error;
      const detail = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      throw new FlowgateError(
        'version-store-failed',
        `DynamoDB ${what} on ${this.#table} failed: ${detail}`,
        {
          cause: error,
        },
      );
    }
  }

  async #backoff(attempt: number): Promise<void> {
    const ceiling = Math.min(this.#maxDelay, this.#baseDelay * 2 ** attempt);
    const delay = this.#random() * ceiling;
    await new Promise((resolve) => setTimeout(resolve, delay));
  }

  #now(): string {
    return this.#clock.now().toISOString();
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
  };
}

function toHead(raw: Record<string, unknown>): FlowHead {
  const head = parseItem(headItemSchema, raw, 'flow head');
  return {
    env: head.env,
    flowKey: head.flowKey,
    name: head.name,
    type: head.type,
    latest: head.latest,
    published: head.published,
    target: head.target === null ? null : { arn: head.target.arn, id: head.target.id },
    updatedAt: head.updatedAt,
  };
}

function isConditionFailure(error: unknown): boolean {
  return error instanceof Error && error.name === 'ConditionalCheckFailedException';
}

/** `map` with at most `limit` calls in flight, results in input order. */
async function mapLimited<T, R>(
  items: readonly T[],
  limit: number,
  map: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array(items.length);
  // One iterator shared by the workers: each takes the next item when it is free.
  const queue = items.entries();
  const worker = async (): Promise<void> => {
    for (const [index, item] of queue) results[index] = await map(item);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
