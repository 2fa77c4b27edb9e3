/**
 * The ports: what the use cases in `core/service` need from the outside world. Adapters in
 * `adapters/` implement them (DynamoDB, S3, Amazon Connect, Slack, the local default); tests use
 * the in-memory fakes in `test/fakes/`. Every method may reject with a `FlowgateError`.
 */
import type { Diagnostic } from './diagnostics.js';
import type { FlowType } from './flowTypes.js';
import type { CatalogData } from './resolve/types.js';
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
} from './versions/types.js';

/** The time, so tests and expiry checks are deterministic. */
export interface Clock {
  now(): Date;
}

/**
 * Flow versions and heads: the immutable history of every flow in an environment, and where each
 * flow stands (its latest version and what was last published to its target).
 */
export interface Versions {
  /**
   * Appends `draft` as the flow's next version (latest + 1) and returns it. Concurrent appends to
   * one flow each get their own number: none is lost, none duplicated. When the latest version
   * already has `draft.contentHash`, returns that version instead and appends nothing, and
   * completes it when an earlier append stopped half way (its head missing or behind): once this
   * returns, the flow's head reaches the version returned, so the flow is listed.
   */
  appendVersion(draft: VersionDraft): Promise<{ readonly version: FlowVersion; readonly created: boolean }>;
  /** Version `number` of a flow, whole (content and all), or null when there is none. */
  getVersion(env: string, flowKey: FlowKey, number: number): Promise<FlowVersion | null>;
  /** Newest first. */
  listVersions(env: string, flowKey: FlowKey): Promise<VersionSummary[]>;
  /** The flow's head, or null when it has no versions. */
  getHead(env: string, flowKey: FlowKey): Promise<FlowHead | null>;
  /** Every head of the environment, by name. */
  listHeads(env: string): Promise<FlowHead[]>;
  /** Records that `version` was published to `target` (only ever moves `published` forward in time). */
  markPublished(env: string, flowKey: FlowKey, version: number, target: FlowHead['target']): Promise<void>;
}

/**
 * Publish requests and their state machine: a request is created pending, and each transition
 * is conditional on the state it leaves, so two people deciding at once cannot both win. Expiry
 * is read on every read: a pending request past its expiry reads as `expired`.
 */
export interface PublishRequests {
  /**
   * Stores a new request (its id must be new), unless the same version of the same flow already
   * has an open request in the environment (pending and not past its expiry, or approved and not
   * yet published): then stores nothing and returns that one. Of concurrent creates for one
   * version exactly one is stored; the others get it. A create that stopped half way (a crash)
   * never keeps the version from being requested again.
   */
  createRequest(request: PublishRequest): Promise<CreatedRequest>;
  /** The requests of one flow in `env`, newest first (expiry applied as in `getRequest`). */
  listFlowRequests(env: string, flowKey: FlowKey): Promise<PublishRequest[]>;
  /** A request by id, or null; an expired pending request reads as `expired`. */
  getRequest(id: string): Promise<PublishRequest | null>;
  /** The environment's requests newest first, only those in `state` (as read now) when it is given. */
  listRequests(env: string, state?: RequestState): Promise<PublishRequest[]>;
  /**
   * The environment's requests waiting for a decision (pending and not past expiry), oldest
   * first. Reads only what is open, however long the environment's history: App Home asks it
   * each time someone opens the tab.
   */
  listPendingRequests(env: string): Promise<PublishRequest[]>;
  /**
   * Moves a request from `from` to `to` with `patch`, only if it is still in `from`: of two
   * concurrent transitions exactly one wins. Returns the updated request, or null when it was
   * not in `from` (someone else decided first, or it expired).
   */
  transitionRequest(
    id: string,
    from: RequestState,
    to: RequestState,
    patch: Partial<Pick<PublishRequest, 'decidedBy' | 'decidedAt' | 'reason'>>,
  ): Promise<PublishRequest | null>;
}

/** What {@link PublishRequests.createRequest} did: stored `request`, or found the version's open one. */
export interface CreatedRequest {
  /** The request stored, or the open request of the same version that was there first. */
  readonly request: PublishRequest;
  /** False when `request` is the existing open one and nothing was stored. */
  readonly created: boolean;
}

/** Remembered mappings: the replacement chosen for a source resource in an environment, reused on every import. */
export interface Mappings {
  /** Remembers a choice, replacing any earlier one for the same environment, kind and source. */
  putMapping(mapping: RememberedMapping): Promise<void>;
  /** The environment's remembered mappings. */
  listMappings(env: string): Promise<RememberedMapping[]>;
}

/** The audit trail: every import, decision and publish, append-only. */
export interface AuditLog {
  /**
   * Appends an event. An event with the same environment, time and id as a stored one is kept
   * once, so a step repeated after a crash can record its event again without doubling it.
   */
  appendAudit(event: AuditEvent): Promise<void>;
  /** Newest first; `since` (ISO time) limits how far back. */
  listAudit(env: string, since?: string): Promise<AuditEvent[]>;
}

/**
 * Idempotency keys and leases: a Slack event, file, S3 object version or webhook delivery handled
 * once, a job or a publish held by one run at a time. A claim lasts until its expiry.
 */
export interface Claims {
  /** Records an idempotency key; false when it was already recorded and has not expired. */
  claimOnce(key: string, expiresAt: string): Promise<boolean>;
  /** Forgets a claim (a lease whose work is done), so it can be claimed again at once. */
  releaseClaim(key: string): Promise<void>;
  /** True when the key is claimed and the claim has not expired. */
  hasClaim(key: string): Promise<boolean>;
}

/** Files: dropped flow files, large version content (by hash), export files and reports. */
export interface FileStore {
  put(key: string, body: Uint8Array, contentType?: string): Promise<void>;
  /** The object's bytes, or null when there is none. */
  get(key: string): Promise<Uint8Array | null>;
}

/** A flow or module as the contact center holds it. */
export interface ContactCenterFlow {
  readonly kind: 'flow' | 'module';
  readonly id: string;
  readonly arn: string;
  readonly name: string;
  /** Flows only. */
  readonly type: FlowType | null;
  /** The Flow Language content as Connect returns it. */
  readonly content: string;
  readonly status: 'PUBLISHED' | 'SAVED';
}

/** Options of `ContactCenter.describeFlows`. */
export interface DescribeFlowsOptions {
  /** Read the saved content (`ID:$SAVED`) rather than what is published. */
  readonly saved?: boolean;
}

/** Create a flow or module. */
export interface CreateFlowInput {
  readonly kind: 'flow' | 'module';
  readonly name: string;
  /** Required for flows; ignored for modules. */
  readonly type: FlowType | null;
  readonly description: string;
  readonly content: string;
  readonly status: 'PUBLISHED' | 'SAVED';
}

/** Replace a flow's or module's content. */
export interface UpdateFlowInput {
  readonly kind: 'flow' | 'module';
  readonly id: string;
  readonly content: string;
  readonly status: 'PUBLISHED' | 'SAVED';
}

/**
 * A target contact center (an Amazon Connect instance, or the local default). Writes that
 * Connect rejects throw `ContactCenterError` with the problems mapped to diagnostics.
 */
export interface ContactCenter {
  /** The instance ARN. */
  readonly instanceArn: string;
  /** Everything flowgate resolves against (queues, prompts, flows with their types, …). */
  inventory(): Promise<CatalogData>;
  /**
   * Only the flows and modules (with their types): what publishing decides create-vs-update on.
   * Costs the List calls of those two kinds alone (none when the whole inventory is already read).
   */
  flowInventory(): Promise<CatalogData>;
  /**
   * Only the Lambda functions and Lex V2 bot aliases associated with the instance: what publishing checks a
   * batch's integrations against. Costs the List calls of those kinds alone (none when the whole
   * inventory is already read): an approval need not list queues, users and views to learn this.
   * ARNs are as `inventory` lists them; a Lex V2 alias may be named by its ARN.
   */
  integrationInventory(): Promise<CatalogData>;
  /** A flow or module by id, or null when it does not exist. */
  describeFlow(kind: 'flow' | 'module', id: string): Promise<ContactCenterFlow | null>;
  /**
   * Many flows or modules of one kind by id, in as few calls as the contact center allows (a
   * publish batch reads all its targets at once). Each holds what `describeFlow` would return;
   * an id with no such flow is absent from the map. With `saved`, each holds the saved content
   * instead (Connect's `ID:$SAVED`: the draft of a published flow, or its content when it has no
   * draft), with the status the contact center reports for it.
   */
  describeFlows(
    kind: 'flow' | 'module',
    ids: readonly string[],
    options?: DescribeFlowsOptions,
  ): Promise<Map<string, ContactCenterFlow>>;
  createFlow(input: CreateFlowInput): Promise<{ readonly id: string; readonly arn: string }>;
  updateFlow(input: UpdateFlowInput): Promise<void>;
  /**
   * Lets the instance invoke a Lambda function or a Lex V2 bot alias (Connect's
   * `AssociateLambdaFunction`, `AssociateBot`): Connect refuses a flow that uses one it is not
   * associated with. One already associated is not an error. After it, the inventory lists it.
   * @throws ContactCenterError `not-found` when the account has no such function or alias.
   */
  associateIntegration(kind: IntegrationKind, arn: string): Promise<void>;
}

/** What an instance must be associated with before its flows may use it. */
export type IntegrationKind = 'lambda' | 'lex-bot';

/** What the bot tells people: the Slack adapter posts these; the CLI prints them. */
export interface Notification {
  readonly env: string;
  readonly kind:
    | 'imported'
    | 'requested'
    | 'approved'
    | 'rejected'
    | 'expired'
    | 'published'
    | 'publish-failed';
  readonly flowKey: FlowKey | null;
  /** The whole sentence as plain text (names as the store holds them, ISO times). */
  readonly text: string;
  readonly diagnostics?: readonly Diagnostic[];
  /** The facts `text` is made of, so a notifier can word them for its readers (mentions, dates). */
  readonly facts?: NotificationFacts;
}

/** Who did what to which flow, behind a notification's text. */
export interface NotificationFacts {
  /** Who acted: a Slack user id or a CLI name; null when nobody did (the expiry schedule). */
  readonly actor: string | null;
  /** The flow by name and version, when the event is about one. */
  readonly flow: { readonly name: string; readonly version: number } | null;
  /** Who asked to publish (approvals, rejections, expiries). */
  readonly requester?: string;
  /** A request's expiry (ISO): when it will expire, or when it did. */
  readonly expiresAt?: string;
  /** A rejection's reason. */
  readonly reason?: string;
  /** The flows a publish wrote or found already live, by name and version (`published`). */
  readonly published?: readonly { readonly name: string; readonly version: number }[];
  /** The flows (by name) publishing waits for, after an approval. */
  readonly waitingFor?: readonly string[];
  /** What an import stored, as plain text ("stored Billing v2; unchanged Main IVR v1"). */
  readonly detail?: string;
}

/** Tells people what happened. */
export interface Notifier {
  notify(notification: Notification): Promise<void>;
}

/** Work to do later (SQS in AWS, in-process locally). */
export interface Job {
  readonly kind: string;
  /** Deduplication: a job with a key already enqueued is dropped. */
  readonly key: string;
  readonly payload: Readonly<Record<string, unknown>>;
}

/** Queues jobs for the worker. */
export interface JobQueue {
  enqueue(job: Job): Promise<void>;
}

/**
 * What one question to the outside world answered, for `flowgate doctor`: it worked; the caller is
 * not allowed (`action`: the IAM action, or the Slack scope, to grant); the thing does not exist;
 * or the question could not be asked (not configured, no network, throttled), and why.
 */
export type ProbeAnswer =
  | { readonly kind: 'ok'; readonly detail?: string }
  | { readonly kind: 'denied'; readonly action: string; readonly message: string }
  | { readonly kind: 'missing'; readonly message: string }
  | { readonly kind: 'unchecked'; readonly message: string };

/** One thing publishing needs (the table, the bucket, the Slack token), asked as the caller. */
export interface Probe {
  /** What is probed, in plain words (`DynamoDB table flowgate-prod`). */
  readonly subject: string;
  check(): Promise<ProbeAnswer>;
}

/** An environment's contact center, asked as the caller: does it exist, may each call be made. */
export interface ContactCenterProbe {
  /** The instance, in plain words (`Amazon Connect instance <id> in us-west-2`). */
  readonly subject: string;
  describeInstance(): Promise<ProbeAnswer>;
  /** The read calls flowgate makes there (`ListQueues`, `DescribeContactFlow`…); none for a local instance. */
  readonly operations: readonly string[];
  /** Makes `operation` once, as small as it can be asked (MaxResults 1). */
  tryOperation(operation: string): Promise<ProbeAnswer>;
}
