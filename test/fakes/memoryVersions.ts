import type { Clock, Versions } from '../../core/ports.js';
import type {
  FlowHead,
  FlowKey,
  FlowVersion,
  VersionDraft,
  VersionSummary,
} from '../../core/versions/types.js';
import { tick } from './tick.js';

/**
 * `Versions` in memory: the reference semantics the DynamoDB adapter must match (the shared
 * contract tests run against both). Async like the real one, so races interleave.
 */
export class MemoryVersions implements Versions {
  readonly #versions = new Map<string, FlowVersion[]>();
  readonly #heads = new Map<string, FlowHead>();
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
    this.#heads.set(flowId(env, flowKey), {
      ...head,
      published: version,
      target,
      updatedAt: this.#clock.now().toISOString(),
    });
  }
}

function flowId(env: string, flowKey: FlowKey): string {
  return `${env}\u0000${flowKey}`;
}
