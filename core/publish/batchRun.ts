import { recordEvent } from '../audit/recordEvent.js';
import type { Actor } from '../config.js';
import type { ServiceDeps } from '../deps.js';
import type { Diagnostic } from '../diagnostics.js';
import { ContactCenterError, ServiceError } from '../errors.js';
import type { FlowContent } from '../flow.js';
import type { ContactCenter } from '../ports.js';
import { type Rewrite, retarget } from '../references/retarget.js';
import { sha256 } from '../versions/hash.js';
import type { FlowKey } from '../versions/types.js';
import { placeholderContent } from './placeholderContent.js';
import { type FlowPublishResult, rollbackCommand } from './publishOutcome.js';
import {
  createType,
  type EarlierRun,
  type PendingLink,
  type PublishMember,
  type PublishPlan,
  unpublishedDependencies,
} from './publishPlan.js';
import { snapshotTarget } from './snapshotTarget.js';
import { recordWriteIntent } from './writeIntent.js';

/** A flow's progress through the batch. */
interface Progress {
  action: FlowPublishResult['action'];
  state: FlowPublishResult['state'];
  target: { arn: string; id: string } | null;
  calls: number;
  writes: number;
  previous: number | null;
  error: string | null;
  diagnostics: readonly Diagnostic[];
}

/**
 * One publish batch being written, in plan order: the cycles' placeholders first when a cycle
 * is reached, then each member's real content. Keeps every flow's progress so a failure can say
 * exactly what was written; records each flow as it is published.
 */
export class BatchRun {
  readonly #deps: ServiceDeps;
  readonly #center: ContactCenter;
  readonly #env: string;
  readonly #actor: Actor;
  readonly #members: readonly PublishMember[];
  readonly #plan: PublishPlan;
  readonly #progress: Progress[];

  constructor(
    deps: ServiceDeps,
    center: ContactCenter,
    env: string,
    actor: Actor,
    members: readonly PublishMember[],
    plan: PublishPlan,
  ) {
    this.#deps = deps;
    this.#center = center;
    this.#env = env;
    this.#actor = actor;
    this.#members = members;
    this.#plan = plan;
    this.#progress = members.map((m) => ({
      action: null,
      state: 'skipped',
      target: m.located.target,
      calls: m.located.calls,
      writes: 0,
      previous: null,
      error: null,
      diagnostics: [],
    }));
  }

  /** Writes every member in order; stops at the first failure (recorded, not thrown). */
  async execute(): Promise<void> {
    const cycleOf = new Map<number, readonly number[]>();
    for (const cycle of this.#plan.cycles) for (const node of cycle) cycleOf.set(node, cycle);
    const started = new Set<readonly number[]>();
    for (const node of this.#plan.order) {
      const cycle = cycleOf.get(node);
      if (cycle !== undefined && !started.has(cycle)) {
        started.add(cycle);
        for (const member of cycle.filter((n) => this.#progress[n]?.target === null)) {
          if (!(await this.#attempt(member, () => this.#placeholder(member)))) return;
        }
      }
      if (!(await this.#attempt(node, () => this.#write(node)))) return;
    }
  }

  /** The result line of member `i`. */
  result(i: number): FlowPublishResult {
    const member = this.#members[i];
    const p = this.#progress[i];
    if (member === undefined || p === undefined) throw new RangeError(`no batch member ${i}`);
    const { request, version } = member;
    return {
      requestId: request.id,
      flowKey: request.flowKey,
      name: version.name,
      version: version.number,
      // A flow an earlier run of this request created is found as a target now: it was still a create.
      planned:
        member.located.target === null || (member.earlier !== null && p.action === 'created')
          ? 'create'
          : 'update',
      action: p.action,
      state: p.state,
      arn: p.target?.arn ?? null,
      calls: p.calls,
      writes: p.writes,
      previous: p.previous,
      rollback:
        p.action === 'updated' && p.previous !== null
          ? rollbackCommand(this.#env, request.flowKey, p.previous)
          : null,
      error: p.error,
      diagnostics: p.diagnostics,
      waitsFor: p.state === 'skipped' ? this.#failedNeed(i) : null,
    };
  }

  /** The failed member's flow when member `i` needs it, directly or through other members; else null. */
  #failedNeed(i: number): FlowKey | null {
    const failed = this.#members.find((_, n) => this.#progress[n]?.state === 'failed');
    if (failed === undefined) return null;
    const byKey = new Map(this.#members.map((m) => [m.request.flowKey, m]));
    const seen = new Set<FlowKey>();
    const queue = [...unpublishedDependencies(this.#members[i]?.version ?? failed.version)];
    for (let key = queue.shift(); key !== undefined; key = queue.shift()) {
      if (key === failed.request.flowKey) return key;
      if (seen.has(key)) continue;
      seen.add(key);
      const member = byKey.get(key);
      if (member !== undefined) queue.push(...unpublishedDependencies(member.version));
    }
    return null;
  }

  /** Runs one step for `node`; on failure records it against that member and says stop. */
  async #attempt(node: number, step: () => Promise<void>): Promise<boolean> {
    try {
      await step();
      return true;
    } catch (error) {
      await this.#fail(node, error);
      return false;
    }
  }

  /** Creates a cycle member with placeholder content, so every member has an ARN before real content. */
  async #placeholder(node: number): Promise<void> {
    const { member, progress } = this.#at(node);
    await this.#create(node, JSON.stringify(placeholderContent(member.version)));
    progress.state = 'placeholder';
  }

  /** Creates the member's flow with `content`, its intent recorded first (see `#write`). */
  async #create(node: number, content: string): Promise<void> {
    const { member, progress } = this.#at(node);
    await recordWriteIntent(this.#deps, member.request, content);
    progress.calls += 1;
    progress.writes += 1;
    progress.target = await this.#center.createFlow({
      kind: member.located.kind,
      name: member.version.name,
      type: createType(member.version),
      description: descriptionOf(member),
      content,
      status: 'PUBLISHED',
    });
    progress.action = 'created';
  }

  /**
   * Writes one member's real content (or nothing, when its target already holds it), then records
   * it. Each write is preceded by its intent (`recordWriteIntent`), so a run killed between the
   * write and its record is resumed as flowgate's own write, neither refused as drift nor repeated.
   */
  async #write(node: number): Promise<void> {
    const { member, progress } = this.#at(node);
    const content = this.#finalContent(node);
    const current = member.located.current;
    const earlier = member.earlier;
    if (
      member.located.alreadyPublished ||
      (current !== null && sha256(current.content) === sha256(content))
    ) {
      // Written before: by an earlier run of this request that stopped before recording it, or long ago.
      if (earlier === null) progress.action = 'unchanged';
      else await this.#resumed(node, earlier);
    } else if (progress.target !== null) {
      if (earlier?.wrote === true) {
        // The target holds this request's placeholder: what it replaced was kept (or created) then.
        await this.#resumed(node, earlier);
      } else if (current !== null && member.located.target !== null) {
        progress.previous = await snapshotTarget(this.#deps, member, current.content, this.#actor);
      }
      await recordWriteIntent(this.#deps, member.request, content);
      progress.calls += 1;
      progress.writes += 1;
      await this.#center.updateFlow({
        kind: member.located.kind,
        id: progress.target.id,
        content,
        status: 'PUBLISHED',
      });
      progress.action = progress.action === 'created' ? 'created' : 'updated';
    } else {
      await this.#create(node, content);
    }
    progress.state = 'published';
    await this.#recordPublished(node);
  }

  /**
   * What the earlier run of a resumed member did, as its outcome line and audit say it: from the
   * `publish` it recorded, else from the request (no drift hash: it created the flow; else it
   * updated it, keeping what it replaced as the version with that content).
   */
  async #resumed(node: number, earlier: EarlierRun): Promise<void> {
    const { member, progress } = this.#at(node);
    const recorded = earlier.recorded?.detail;
    if (recorded !== undefined) {
      const action = recorded.action;
      progress.action = action === 'created' || action === 'updated' ? action : 'unchanged';
      progress.previous = typeof recorded.previous === 'number' ? recorded.previous : null;
      return;
    }
    const { request } = member;
    if (request.driftHash === null) {
      progress.action = 'created';
      return;
    }
    progress.action = 'updated';
    const versions = await this.#deps.versions.listVersions(request.env, request.flowKey);
    progress.previous = versions.find((v) => v.contentHash === request.driftHash)?.number ?? null;
  }

  /** The version's content, with references to batch flows created meanwhile pointed at their ARNs. */
  #finalContent(node: number): string {
    const { member } = this.#at(node);
    const links = this.#plan.links[node] ?? [];
    if (links.length === 0) return member.version.content;
    const rewrites = links.map(
      (link): Rewrite => ({ reference: link.reference, target: this.#linkTarget(link) }),
    );
    return JSON.stringify(retarget(JSON.parse(member.version.content) as FlowContent, rewrites));
  }

  #linkTarget(link: PendingLink): Rewrite['target'] {
    const known = link.member === null ? link.published : (this.#progress[link.member]?.target ?? null);
    if (known === null) {
      throw new ServiceError('not-publishable', `The ${link.reference.kind} '${link.name}' has no ARN yet.`);
    }
    return { arn: known.arn, id: known.id, name: link.name };
  }

  /**
   * The audit event first (the contact center holds the content: that is the fact to keep), then
   * the head, then the request, whose `published` marks the flow done: a run killed between two of
   * these is resumed from the first one missing, and an event recorded already is not repeated.
   */
  async #recordPublished(node: number): Promise<void> {
    const { member, progress } = this.#at(node);
    const { request, version } = member;
    if (member.earlier?.recorded == null) await this.#auditPublished(node);
    await this.#deps.versions.markPublished(this.#env, request.flowKey, version.number, progress.target);
    await this.#deps.requests.transitionRequest(request.id, 'approved', 'published', {});
  }

  async #auditPublished(node: number): Promise<void> {
    const { member, progress } = this.#at(node);
    const { request, version } = member;
    await recordEvent(this.#deps, {
      env: this.#env,
      actor: this.#actor,
      action: 'publish',
      flowKey: request.flowKey,
      detail: {
        request: request.id,
        version: version.number,
        action: progress.action,
        arn: progress.target?.arn ?? null,
        calls: progress.calls,
        writes: progress.writes,
        previous: progress.previous,
        resumed: member.earlier !== null,
      },
      notification: null,
    });
  }

  async #fail(node: number, error: unknown): Promise<void> {
    const { member, progress } = this.#at(node);
    const { request, version } = member;
    progress.error = error instanceof Error ? error.message : String(error);
    progress.diagnostics = error instanceof ContactCenterError ? error.diagnostics : [];
    // A flow written before its record failed stays published; only an unwritten one fails.
    if (progress.state !== 'published') {
      progress.state = 'failed';
      const reason = `publishing failed: ${progress.error}`;
      await this.#deps.requests.transitionRequest(request.id, 'approved', 'failed', { reason });
    }
    await recordEvent(this.#deps, {
      env: this.#env,
      actor: this.#actor,
      action: 'publish-failed',
      flowKey: request.flowKey,
      detail: {
        request: request.id,
        version: version.number,
        error: progress.error,
        written: this.#progress.filter((p) => p.writes > 0).length,
      },
      notification: null,
    });
  }

  #at(node: number): { member: PublishMember; progress: Progress } {
    const member = this.#members[node];
    const progress = this.#progress[node];
    if (member === undefined || progress === undefined) throw new RangeError(`no batch member ${node}`);
    return { member, progress };
  }
}

function descriptionOf(member: PublishMember): string {
  return `Published by flowgate: ${member.request.flowKey} v${member.version.number}`;
}
