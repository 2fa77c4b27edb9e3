import { ContactCenterError } from '../../core/errors.js';
import type {
  ContactCenter,
  ContactCenterFlow,
  CreateFlowInput,
  DescribeFlowsOptions,
  IntegrationKind,
  UpdateFlowInput,
} from '../../core/ports.js';
import { awsManagedViews } from '../../core/resolve/awsManagedViews.js';
import type { CatalogData, CatalogResource } from '../../core/resolve/types.js';
import { minimalContent } from '../../core/versions/minimalContent.js';

/** The one block of the content a catalog's flows get (the catalog knows their names, not their content). */
const SEEDED_ACTION = '00000000-0000-4000-8000-00000000005e';

/**
 * What Connect keeps of a flow: what describe answers (the published content, or the saved one
 * of a flow never published), and a draft saved beside published content (`ID:$SAVED`).
 */
interface StoredFlow {
  readonly flow: ContactCenterFlow;
  readonly draft: string | null;
}

/**
 * A contact center in memory that answers as Amazon Connect does (it meets the `ContactCenter`
 * contract, `test/contracts/`), counting every call so tests can hold publishing to the fewest
 * writes. The catalog's flows and modules exist as published flows, and flows created here
 * appear in the inventory, as they would in Connect. Like Connect, it refuses a name already
 * used by a flow (or module) of the same kind, publishes every new module whatever status was
 * asked (`CreateContactFlowModule` has none), keeps a `SAVED` update of published content as a
 * draft beside it, and does not find a module by a flow's id (nor a flow by a module's).
 */
export class MemoryContactCenter implements ContactCenter {
  readonly instanceArn: string;
  readonly calls: { method: string; arg: string }[] = [];
  readonly #resources: CatalogResource[];
  /** Lambda functions and Lex aliases that exist in the account but are not associated with the instance. */
  readonly #account: CatalogResource[] = [];
  readonly #flows = new Map<string, StoredFlow>();
  #nextId = 1;
  /** When set, the next write throws it (then it is cleared). */
  failNextWrite: ContactCenterError | null = null;

  /** `flows` are held as given, in place of a catalog flow or module with the same id. */
  constructor(data: CatalogData, flows: readonly ContactCenterFlow[] = []) {
    this.instanceArn = data.instanceArn;
    this.#resources = data.resources.filter((r) => !isFlow(r));
    for (const flow of [...data.resources.filter(isFlow).map(catalogFlow), ...flows]) {
      this.#flows.set(flow.id, { flow, draft: null });
    }
  }

  async flowInventory(): Promise<CatalogData> {
    this.calls.push({ method: 'flowInventory', arg: '' });
    const data = await this.#everything();
    return { ...data, resources: data.resources.filter(isFlow) };
  }

  async integrationInventory(): Promise<CatalogData> {
    this.calls.push({ method: 'integrationInventory', arg: '' });
    const data = await this.#everything();
    return { ...data, resources: data.resources.filter((r) => r.kind === 'lambda' || r.kind === 'lex-bot') };
  }

  async inventory(): Promise<CatalogData> {
    this.calls.push({ method: 'inventory', arg: '' });
    return this.#everything();
  }

  async #everything(): Promise<CatalogData> {
    const flows = [...this.#flows.values()].map(
      ({ flow: f }): CatalogResource =>
        f.type === null
          ? { kind: f.kind, id: f.id, arn: f.arn, name: f.name }
          : { kind: f.kind, id: f.id, arn: f.arn, name: f.name, flowType: f.type },
    );
    return {
      name: 'memory',
      instanceArn: this.instanceArn,
      // As in every Connect instance (and the local one): the AWS-managed views, unless seeded.
      resources: [...this.#resources, ...awsManagedViews(this.instanceArn, this.#seededViews()), ...flows],
      mappings: [],
    };
  }

  #seededViews(): Set<string> {
    return new Set(this.#resources.filter((r) => r.kind === 'view').map((r) => r.id));
  }

  async describeFlow(kind: 'flow' | 'module', id: string): Promise<ContactCenterFlow | null> {
    this.calls.push({ method: 'describeFlow', arg: id });
    return this.#find(kind, id)?.flow ?? null;
  }

  /** One call however many ids, as a bulk read is counted against the contact center. */
  async describeFlows(
    kind: 'flow' | 'module',
    ids: readonly string[],
    options: DescribeFlowsOptions = {},
  ): Promise<Map<string, ContactCenterFlow>> {
    this.calls.push({ method: 'describeFlows', arg: ids.join(',') });
    const found = new Map<string, ContactCenterFlow>();
    for (const id of ids) {
      const stored = this.#find(kind, id);
      if (stored === undefined) continue;
      // `ID:$SAVED` answers the draft saved beside published content, else the content.
      const saved = options.saved === true && stored.draft !== null;
      found.set(id, saved ? { ...stored.flow, content: stored.draft ?? '', status: 'SAVED' } : stored.flow);
    }
    return found;
  }

  async createFlow(input: CreateFlowInput): Promise<{ id: string; arn: string }> {
    this.calls.push({ method: 'createFlow', arg: input.name });
    this.#maybeFail();
    const taken = [...this.#flows.values()].find(
      ({ flow }) => flow.kind === input.kind && flow.name === input.name,
    );
    if (taken !== undefined) {
      throw new ContactCenterError(
        'duplicate-name',
        `A ${input.kind} named "${input.name}" already exists (id ${taken.flow.id}).`,
      );
    }
    const id = `00000000-0000-4000-8000-${String(this.#nextId++).padStart(12, '0')}`;
    const arn = `${this.instanceArn}/${input.kind === 'module' ? 'flow-module' : 'contact-flow'}/${id}`;
    const flow: ContactCenterFlow = {
      kind: input.kind,
      id,
      arn,
      name: input.name,
      type: input.kind === 'module' ? null : input.type,
      content: input.content,
      // CreateContactFlowModule takes no status: Connect publishes every new module.
      status: input.kind === 'module' ? 'PUBLISHED' : input.status,
    };
    this.#flows.set(id, { flow, draft: null });
    return { id, arn };
  }

  async updateFlow(input: UpdateFlowInput): Promise<void> {
    this.calls.push({ method: 'updateFlow', arg: input.id });
    this.#maybeFail();
    const stored = this.#find(input.kind, input.id);
    if (stored === undefined) throw new ContactCenterError('not-found', `no ${input.kind} ${input.id}`);
    this.#flows.set(input.id, updated(stored, input));
  }

  async associateIntegration(kind: IntegrationKind, arn: string): Promise<void> {
    this.calls.push({ method: 'associateIntegration', arg: arn });
    if (this.#resources.some((r) => r.kind === kind && r.arn === arn)) return;
    const index = this.#account.findIndex((r) => r.kind === kind && r.arn === arn);
    const found = this.#account[index];
    if (found === undefined) throw new ContactCenterError('not-found', `No ${kind} ${arn} in the account.`);
    this.#account.splice(index, 1);
    this.#resources.push(found);
  }

  /** Removes a function or alias from the instance as someone would in the console; it stays in the account. */
  disassociateByHand(arn: string): void {
    const index = this.#resources.findIndex((r) => r.arn === arn);
    const [removed] = index === -1 ? [] : this.#resources.splice(index, 1);
    if (removed !== undefined) this.#account.push(removed);
  }

  /** Lambda functions or Lex aliases that exist in the account, not associated with the instance. */
  addToAccount(...resources: CatalogResource[]): void {
    this.#account.push(...resources);
  }

  /** The flow as `describeFlow` would answer now (for assertions; no call is counted). */
  flow(id: string): ContactCenterFlow | undefined {
    return this.#flows.get(id)?.flow;
  }

  /** The draft saved beside the flow's published content, or null (for assertions). */
  draft(id: string): string | null {
    return this.#flows.get(id)?.draft ?? null;
  }

  /** Deletes a flow or module as someone would in the Connect console (no call is counted). */
  deleteByHand(id: string): void {
    this.#flows.delete(id);
  }

  /** Writes counted so far (create + update). */
  writes(): number {
    return this.calls.filter((c) => c.method === 'createFlow' || c.method === 'updateFlow').length;
  }

  /** Connect finds a flow or module only through the API of its own kind. */
  #find(kind: 'flow' | 'module', id: string): StoredFlow | undefined {
    const stored = this.#flows.get(id);
    return stored?.flow.kind === kind ? stored : undefined;
  }

  #maybeFail(): void {
    const failure = this.failNextWrite;
    if (failure === null) return;
    this.failNextWrite = null;
    throw failure;
  }
}

/**
 * A `PUBLISHED` update writes to the id, which publishes; a `SAVED` one writes to `ID:$SAVED`,
 * which saves a draft and leaves published content alone (a flow never published is its draft).
 */
function updated({ flow }: StoredFlow, input: UpdateFlowInput): StoredFlow {
  if (input.status === 'PUBLISHED')
    return { flow: { ...flow, content: input.content, status: 'PUBLISHED' }, draft: null };
  if (flow.status === 'PUBLISHED') return { flow, draft: input.content };
  return { flow: { ...flow, content: input.content }, draft: null };
}

function isFlow(resource: CatalogResource): boolean {
  return resource.kind === 'flow' || resource.kind === 'module';
}

/** A catalog's flow or module as Connect would hold it: published, with one block. */
function catalogFlow(resource: CatalogResource): ContactCenterFlow {
  const module = resource.kind === 'module';
  const type = module ? null : (resource.flowType ?? null);
  return {
    kind: module ? 'module' : 'flow',
    id: resource.id,
    arn: resource.arn,
    name: resource.name,
    type,
    content: JSON.stringify(minimalContent(module ? 'MODULE' : type, SEEDED_ACTION)),
    status: 'PUBLISHED',
  };
}
