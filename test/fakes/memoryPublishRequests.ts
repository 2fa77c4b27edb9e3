import type { Clock, CreatedRequest, PublishRequests } from '../../core/ports.js';
import { isOpenRequest } from '../../core/versions/requests.js';
import type { FlowKey, PublishRequest, RequestState } from '../../core/versions/types.js';
import { tick } from './tick.js';

/** `PublishRequests` in memory: the reference semantics the DynamoDB adapter must match. */
export class MemoryPublishRequests implements PublishRequests {
  readonly #requests = new Map<string, PublishRequest>();
  readonly #clock: Clock;

  constructor(clock: Clock) {
    this.#clock = clock;
  }

  async createRequest(request: PublishRequest): Promise<CreatedRequest> {
    await tick();
    if (this.#requests.has(request.id)) throw new Error(`request ${request.id} exists`);
    // Checked and stored in one step (no await between): concurrent creates cannot both pass.
    const open = [...this.#requests.values()]
      .map((r) => this.#expired(r))
      .find(
        (r) =>
          r.env === request.env &&
          r.flowKey === request.flowKey &&
          r.version === request.version &&
          isOpenRequest(r),
      );
    if (open !== undefined) return { request: open, created: false };
    this.#requests.set(request.id, request);
    return { request, created: true };
  }

  async listFlowRequests(env: string, flowKey: FlowKey): Promise<PublishRequest[]> {
    const all = await this.listRequests(env);
    return all.filter((r) => r.flowKey === flowKey);
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

  async listPendingRequests(env: string): Promise<PublishRequest[]> {
    await tick();
    return [...this.#requests.values()]
      .map((r) => this.#expired(r))
      .filter((r) => r.env === env && r.state === 'pending')
      .sort((a, b) => a.requestedAt.localeCompare(b.requestedAt) || a.id.localeCompare(b.id));
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

  /** A pending request past its expiry reads as expired (expiry is checked on read). */
  #expired(request: PublishRequest): PublishRequest {
    return request.state === 'pending' && request.expiresAt <= this.#clock.now().toISOString()
      ? { ...request, state: 'expired' }
      : request;
  }
}
