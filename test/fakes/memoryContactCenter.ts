import { ContactCenterError } from '../../core/errors.js';
import type { ContactCenter, ContactCenterFlow, CreateFlowInput, UpdateFlowInput } from '../../core/ports.js';
import type { CatalogData, CatalogResource } from '../../core/resolve/types.js';

/**
 * A contact center in memory, counting every call so tests can hold publishing to the fewest
 * writes. Flows created here appear in the inventory, as they would in Connect.
 */
export class MemoryContactCenter implements ContactCenter {
  readonly instanceArn: string;
  readonly calls: { method: string; arg: string }[] = [];
  readonly #resources: CatalogResource[];
  readonly #flows = new Map<string, ContactCenterFlow>();
  #nextId = 1;
  /** When set, the next write throws it (then it is cleared). */
  failNextWrite: ContactCenterError | null = null;

  constructor(data: CatalogData, flows: readonly ContactCenterFlow[] = []) {
    this.instanceArn = data.instanceArn;
    this.#resources = [...data.resources];
    for (const flow of flows) this.#flows.set(flow.id, flow);
  }

  async flowInventory(): Promise<CatalogData> {
    this.calls.push({ method: 'flowInventory', arg: '' });
    const data = await this.#everything();
    return { ...data, resources: data.resources.filter((r) => r.kind === 'flow' || r.kind === 'module') };
  }

  async inventory(): Promise<CatalogData> {
    this.calls.push({ method: 'inventory', arg: '' });
    return this.#everything();
  }

  async #everything(): Promise<CatalogData> {
    const flows = [...this.#flows.values()].map(
      (f): CatalogResource =>
        f.type === null
          ? { kind: f.kind, id: f.id, arn: f.arn, name: f.name }
          : { kind: f.kind, id: f.id, arn: f.arn, name: f.name, flowType: f.type },
    );
    const known = new Set(flows.map((f) => f.id));
    return {
      name: 'memory',
      instanceArn: this.instanceArn,
      resources: [...this.#resources.filter((r) => !known.has(r.id)), ...flows],
      mappings: [],
    };
  }

  async describeFlow(kind: 'flow' | 'module', id: string): Promise<ContactCenterFlow | null> {
    this.calls.push({ method: 'describeFlow', arg: id });
    const flow = this.#flows.get(id);
    return flow !== undefined && flow.kind === kind ? flow : null;
  }

  /** One call however many ids, as a bulk read is counted against the contact center. */
  async describeFlows(
    kind: 'flow' | 'module',
    ids: readonly string[],
  ): Promise<Map<string, ContactCenterFlow>> {
    this.calls.push({ method: 'describeFlows', arg: ids.join(',') });
    const found = new Map<string, ContactCenterFlow>();
    for (const id of ids) {
      const flow = this.#flows.get(id);
      if (flow !== undefined && flow.kind === kind) found.set(id, flow);
    }
    return found;
  }

  async createFlow(input: CreateFlowInput): Promise<{ id: string; arn: string }> {
    this.calls.push({ method: 'createFlow', arg: input.name });
    this.#maybeFail();
    const id = `00000000-0000-4000-8000-${String(this.#nextId++).padStart(12, '0')}`;
    const arn = `${this.instanceArn}/${input.kind === 'module' ? 'flow-module' : 'contact-flow'}/${id}`;
    this.#flows.set(id, {
      kind: input.kind,
      id,
      arn,
      name: input.name,
      type: input.type,
      content: input.content,
      status: input.status,
    });
    return { id, arn };
  }

  async updateFlow(input: UpdateFlowInput): Promise<void> {
    this.calls.push({ method: 'updateFlow', arg: input.id });
    this.#maybeFail();
    const flow = this.#flows.get(input.id);
    if (flow === undefined) throw new ContactCenterError('not-found', `no ${input.kind} ${input.id}`);
    this.#flows.set(input.id, { ...flow, content: input.content, status: input.status });
  }

  /** The flow as stored now (for assertions). */
  flow(id: string): ContactCenterFlow | undefined {
    return this.#flows.get(id);
  }

  /** Writes counted so far (create + update). */
  writes(): number {
    return this.calls.filter((c) => c.method === 'createFlow' || c.method === 'updateFlow').length;
  }

  #maybeFail(): void {
    const failure = this.failNextWrite;
    if (failure === null) return;
    this.failNextWrite = null;
    throw failure;
  }
}
