import { recordEvent } from '../audit/recordEvent.js';
import type { Actor } from '../config.js';
import type { ServiceDeps } from '../deps.js';
import type { Diagnostic } from '../diagnostics.js';
import { ContactCenterError, ServiceError } from '../errors.js';
import type { FlowContent } from '../flow.js';
import type { ContactCenter } from '../ports.js';
import { type Rewrite, retarget } from '../references/retarget.js';
import { sha256 } from '../versions/hash.js';
import { placeholderContent } from './placeholderContent.js';
import { type FlowPublishResult, rollbackCommand } from './publishOutcome.js';
import { createType, type PendingLink, type PublishMember, type PublishPlan } from './publishPlan.js';
import { snapshotTarget } from './snapshotTarget.js';

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
      planned: member.located.target === null ? 'create' : 'update',
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
    };
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
    progress.calls += 1;
    progress.writes += 1;
    progress.target = await this.#center.createFlow({
      kind: member.located.kind,
      name: member.version.name,
      type: createType(member.version),
      description: descriptionOf(member),
      content: JSON.stringify(placeholderContent(member.version)),
      status: 'PUBLISHED',
    });
    progress.action = 'created';
    progress.state = 'placeholder';
  }

  /** Writes one member's real content (or nothing, when its target already holds it), then records it. */
  async #write(node: number): Promise<void> {
    const { member, progress } = this.#at(node);
    const content = this.#finalContent(node);
    const current = member.located.current;
    if (
      member.located.alreadyPublished ||
      (current !== null && sha256(current.content) === sha256(content))
    ) {
      progress.action = 'unchanged';
    } else if (progress.target !== null) {
      if (current !== null && member.located.target !== null) {
        progress.previous = await snapshotTarget(this.#deps, member, current.content, this.#actor);
      }
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
    progress.state = 'published';
    await this.#recordPublished(node);
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

  async #recordPublished(node: number): Promise<void> {
    const { member, progress } = this.#at(node);
    const { request, version } = member;
    await this.#deps.versions.markPublished(this.#env, request.flowKey, version.number, progress.target);
    await this.#deps.requests.transitionRequest(request.id, 'approved', 'published', {});
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
