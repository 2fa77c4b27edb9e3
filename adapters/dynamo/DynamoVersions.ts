import { QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { FlowgateError, ServiceError } from '../../core/errors.js';
import type { Clock, FileStore, Versions } from '../../core/ports.js';
import type {
  FlowHead,
  FlowKey,
  FlowVersion,
  VersionDraft,
  VersionSummary,
} from '../../core/versions/types.js';
import {
  headItemSchema,
  indexItemSchema,
  type LatestVersion,
  latestVersionSchema,
  parseItem,
  versionItemSchema,
} from './itemSchemas.js';
import { type DynamoTableOptions, ItemTable, isoNow, mapLimited, READ_CONCURRENCY } from './itemTable.js';
import { flowIndexPk, flowPk, headKey, VERSION_PREFIX, versionKey } from './keys.js';
import { decodeSummary, decodeVersion, type EncodedVersion, encodeVersion } from './versionItems.js';

/** How conflicting appends to one flow back off and retry (full jitter, bounded). */
export interface AppendRetryOptions {
  /** Tries before giving up with `append-contention`. Default 100. */
  readonly attempts?: number;
  /** First backoff ceiling; doubles each try. Default 5 ms. */
  readonly baseDelayMs?: number;
  /** Largest backoff ceiling. Default 200 ms. */
  readonly maxDelayMs?: number;
}

/** What the DynamoDB versions need: everything from outside comes in here. */
export interface DynamoVersionsOptions extends DynamoTableOptions {
  /** Where version bodies too large for an item go, by hash. */
  readonly files: FileStore;
  /** The time a head was marked published. */
  readonly clock: Clock;
  /** Largest version item written with its body inline (bytes); above it the body goes to `files`. Default 300 000. */
  readonly inlineLimitBytes?: number;
  readonly appendRetry?: AppendRetryOptions;
  /** Random numbers in [0, 1) for jitter. Default `Math.random`. */
  readonly random?: () => number;
}

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
 * `Versions` on the DynamoDB table: versions (`V#<n>`) and heads (`HEAD`) in each flow's
 * partition, and the environment's flow index. Versions are created with `attribute_not_exists`
 * and retried on conflict, so concurrent appends never lose or duplicate one; the head only moves
 * forward. A body too large for its item goes to the file store first, addressed by its hash.
 */
export class DynamoVersions implements Versions {
  readonly #table: ItemTable;
  readonly #files: FileStore;
  readonly #clock: Clock;
  readonly #inlineLimit: number;
  readonly #attempts: number;
  readonly #baseDelay: number;
  readonly #maxDelay: number;
  readonly #random: () => number;

  constructor(options: DynamoVersionsOptions) {
    this.#table = new ItemTable(options);
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
        if (version !== null) {
          await this.#completeHead(version);
          return { version, created: false };
        }
      }
      // Indexed before its first version exists, so a flow with versions is always listed.
      if (latest === null) await this.#indexFlow(draft.env, draft.flowKey);
      encoded ??= await encodeVersion(draft, this.#files, this.#inlineLimit);
      const number = (latest?.number ?? 0) + 1;
      const item = { ...versionKey(draft.env, draft.flowKey, number), item: 'version', number, ...encoded };
      if (await this.#table.putIfAbsent(item)) {
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
    const raw = await this.#table.get(versionKey(env, flowKey, number));
    return raw === null
      ? null
      : decodeVersion(parseItem(versionItemSchema, raw, 'version'), raw, this.#files);
  }

  async listVersions(env: string, flowKey: FlowKey): Promise<VersionSummary[]> {
    const names = Object.fromEntries(SUMMARY_ATTRIBUTES.map((name, i) => [`#a${i}`, name]));
    const items = await this.#table.query({
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
      const raw = await this.#table.get(versionKey(env, flowKey, item.number));
      if (raw === null) throw new FlowgateError('not-found', `version ${item.number} of ${flowKey} vanished`);
      return decodeSummary(parseItem(versionItemSchema, raw, 'version'), raw, this.#files);
    });
  }

  async getHead(env: string, flowKey: FlowKey): Promise<FlowHead | null> {
    const raw = await this.#table.get(headKey(env, flowKey));
    return raw === null ? null : toHead(raw);
  }

  async listHeads(env: string): Promise<FlowHead[]> {
    const index = await this.#table.query({
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
    const updated = await this.#table.conditional('mark published', () =>
      this.#table.doc.send(
        new UpdateCommand({
          TableName: this.#table.name,
          Key: headKey(env, flowKey),
          UpdateExpression: 'SET published = :version, #target = :target, updatedAt = :now',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeNames: { '#target': 'target' },
          ExpressionAttributeValues: { ':version': version, ':target': target, ':now': isoNow(this.#clock) },
        }),
      ),
    );
    if (!updated) throw new ServiceError('not-found', `no flow ${flowKey} in ${env}`);
  }

  /** The latest version's number and content hash: retries read only these, never the body. */
  async #latestVersion(env: string, flowKey: FlowKey): Promise<LatestVersion | null> {
    const result = await this.#table.run('read latest version', () =>
      this.#table.doc.send(
        new QueryCommand({
          TableName: this.#table.name,
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
    await this.#table.put({ pk: flowIndexPk(env), sk: flowKey, item: 'flow-index', flowKey });
  }

  /**
   * Moves the head to `version` when it is missing or behind: an append that stopped between
   * writing its version and its head (a crash, a failed write) left a version no listing shows,
   * and sending the same content again must make it visible rather than answer "unchanged" about a
   * flow `listHeads` says does not exist. The index entry is written before the first version, so
   * only the head can be missing. A read first: the usual re-import finds the head in place.
   */
  async #completeHead(version: FlowVersion): Promise<void> {
    const head = await this.getHead(version.env, version.flowKey);
    if (head !== null && head.latest >= version.number) return;
    await this.#advanceHead(version, version.number);
  }

  /** Moves the head to `number`, unless a concurrent append already moved it further. */
  async #advanceHead(draft: VersionDraft, number: number): Promise<void> {
    await this.#table.conditional('advance head', () =>
      this.#table.doc.send(
        new UpdateCommand({
          TableName: this.#table.name,
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

  async #backoff(attempt: number): Promise<void> {
    const ceiling = Math.min(this.#maxDelay, this.#baseDelay * 2 ** attempt);
    const delay = this.#random() * ceiling;
    await new Promise((resolve) => setTimeout(resolve, delay));
  }
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
