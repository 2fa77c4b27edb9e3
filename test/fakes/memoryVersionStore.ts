import type { Clock, VersionStore } from '../../core/ports.js';
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

/**
 * The VersionStore contract in memory: the reference semantics the DynamoDB adapter must match
 * (the shared contract tests run against both). Async like the real one, so races interleave.
 */
export class MemoryVersionStore implements VersionStore {
  readonly #versions = new Map<string, FlowVersion[]>();
  readonly #heads = new Map<string, FlowHead>();
  readonly #requests = new Map<string, PublishRequest>();
  readonly #mappings = new Map<string, RememberedMapping>();
  readonly #audit: AuditEvent[] = [];
  readonly #claims = new Map<string, string>();
  readonly #clock: Clock;

  constructor(clock: Clock) {
    this.#clock = clock;
  }

  async appendVersion(draft: VersionDraft): Promise<{ version: FlowVersion; created: boolean }> {
    await tick();
    const key = flowId(draft.env, draft.flowKey);
    const list = this.#versions.get(key) ?? [];
    const latest = list[list.length - 1];
    if (latest !== undefined && latest.contentHash === draft.contentHash)
      return { version: latest, created: false };
    const version: FlowVersion = { ...draft, number: list.length + 1 };
    this.#versions.set(key, [...list, version]);
    const head = this.#heads.get(key);
    this.#heads.set(key, {
      env: draft.env,
      flowKey: draft.flowKey,
      name: draft.name,
      type: draft.type,
      latest: version.number,
      published: head?.published ?? null,
      target: head?.target ?? null,
      updatedAt: draft.createdAt,
    });
    return { version, created: true };
  }

  async getVersion(env: string, flowKey: FlowKey, number: number): Promise<FlowVersion | null> {
    await tick();
    return this.#versions.get(flowId(env, flowKey))?.[number - 1] ?? null;
  }

  async listVersions(env: string, flowKey: FlowKey): Promise<VersionSummary[]> {
    await tick();
    return [...(this.#versions.get(flowId(env, flowKey)) ?? [])]
      .reverse()
      .map(({ content: _c, original: _o, references: _r, resolutions: _s, ...summary }) => summary);
  }

  async getHead(env: string, flowKey: FlowKey): Promise<FlowHead | null> {
    await tick();
    return this.#heads.get(flowId(env, flowKey)) ?? null;
  }

  async listHeads(env: string): Promise<FlowHead[]> {
    await tick();
    return [...this.#heads.values()]
      .filter((h) => h.env === env)
      .sort((a, b) => a.name.localeCompare(b.name));
  }

  async markPublished(
    env: string,
    flowKey: FlowKey,
    version: number,
    target: FlowHead['target'],
  ): Promise<void> {
    await tick();
    const head = this.#heads.get(flowId(env, flowKey));
    if (head === undefined) throw new Error(`no flow ${flowKey} in ${env}`);
    this.#heads.set(flowId(env, flowKey), { ...head, published: version, target, updatedAt: this.#now() });
  }

  async createRequest(request: PublishRequest): Promise<void> {
    await tick();
    if (this.#requests.has(request.id)) throw new Error(`request ${request.id} exists`);
    this.#requests.set(request.id, request);
  }

  async getRequest(id: string): Promise<PublishRequest | null> {
    await tick();
    const request = this.#requests.get(id);
    return request === undefined ? null : this.#expired(request);
  }

  async listRequests(env: string, state?: RequestState): Promise<PublishRequest[]> {
    await tick();
    return [...this.#requests.values()]
      .map((r) => this.#expired(r))
      .filter((r) => r.env === env && (state === undefined || r.state === state))
      .sort((a, b) => b.requestedAt.localeCompare(a.requestedAt));
  }

  async transitionRequest(
    id: string,
    from: RequestState,
    to: RequestState,
    patch: Partial<Pick<PublishRequest, 'decidedBy' | 'decidedAt' | 'reason'>>,
  ): Promise<PublishRequest | null> {
    await tick();
    const stored = this.#requests.get(id);
    if (stored === undefined) return null;
    const current = this.#expired(stored);
    // An expired pending request may only move to `expired`.
    if (current.state !== from) return null;
    if (stored.state === 'pending' && current.state === 'expired' && to !== 'expired') return null;
    const next: PublishRequest = { ...stored, ...patch, state: to };
    this.#requests.set(id, next);
    return next;
  }

  async putMapping(mapping: RememberedMapping): Promise<void> {
    await tick();
    this.#mappings.set(`${mapping.env}\u0000${mapping.kind}\u0000${mapping.source}`, mapping);
  }

  async listMappings(env: string): Promise<RememberedMapping[]> {
    await tick();
    return [...this.#mappings.values()].filter((m) => m.env === env);
  }

  async appendAudit(event: AuditEvent): Promise<void> {
    await tick();
    this.#audit.push(event);
  }

  async listAudit(env: string, since?: string): Promise<AuditEvent[]> {
    await tick();
    return this.#audit
      .filter((e) => e.env === env && (since === undefined || e.at >= since))
      .sort((a, b) => b.at.localeCompare(a.at) || b.id.localeCompare(a.id));
  }

  async claimOnce(key: string, expiresAt: string): Promise<boolean> {
    await tick();
    const existing = this.#claims.get(key);
    if (existing !== undefined && existing > this.#now()) return false;
    this.#claims.set(key, expiresAt);
    return true;
  }

  async hasClaim(key: string): Promise<boolean> {
    await tick();
    const existing = this.#claims.get(key);
    return existing !== undefined && existing > this.#now();
  }

  async releaseClaim(key: string): Promise<void> {
    await tick();
    this.#claims.delete(key);
  }

  /** A pending request past its expiry reads as expired (expiry is checked on read). */
  #expired(request: PublishRequest): PublishRequest {
    return request.state === 'pending' && request.expiresAt <= this.#now()
      ? { ...request, state: 'expired' }
      : request;
  }

  #now(): string {
    return this.#clock.now().toISOString();
  }
}

function flowId(env: string, flowKey: FlowKey): string {
  return `${env}\u0000${flowKey}`;
}

/** Yield to the event loop, as a network call would: concurrent callers really interleave. */
function tick(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
