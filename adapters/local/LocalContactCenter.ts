import { randomUUID } from 'node:crypto';
import { ContactCenterError } from '../../core/errors.js';
import { isJsonObject } from '../../core/json.js';
import type {
  ContactCenter,
  ContactCenterFlow,
  CreateFlowInput,
  DescribeFlowsOptions,
  IntegrationKind,
  UpdateFlowInput,
} from '../../core/ports.js';
import { formatInstanceResourceArn, parseArn } from '../../core/resolve/arn.js';
import { awsManagedViews } from '../../core/resolve/awsManagedViews.js';
import type { CatalogData, CatalogResource } from '../../core/resolve/types.js';
import { checkCreateInput, checkUpdateInput } from '../connect/flowLimits.js';
import { problemDiagnostics } from '../connect/problemDiagnostics.js';
import {
  type InstanceFile,
  readFlowFile,
  readFlowFiles,
  readInstanceFile,
  type StoredFlow,
  writeFlowFile,
  writeInstanceFile,
} from './localInstanceFiles.js';
import { seedInstance } from './seedInstance.js';

/** Options of `LocalContactCenter`. */
export interface LocalContactCenterOptions {
  /** Where the instance is kept (`.flowgate/instances/<env>/`); created on first use. */
  readonly dir: string;
  /** A catalog file (`examples/instances/prod.json`) to seed an empty `dir` from, or null. */
  readonly seed: string | null;
  /** The ARN of an instance seeded from nothing; a made-up one (kept in `dir`) when unset. */
  readonly instanceArn?: string;
  /** Ids of new flows and modules (random UUIDs unless a test needs them predictable). */
  readonly newId?: () => string;
}

/**
 * The embedded default target: an Amazon Connect instance kept as files, behaving like Connect
 * for what flowgate uses. Its inventory is the seed's resources, the AWS-managed views (as in every
 * instance) and every flow and module here;
 * creates get new ids and ARNs under the instance ARN (a new module is published whatever status
 * was asked, as `CreateContactFlowModule` has none); updates replace content and status (a
 * `SAVED` update of a published flow keeps a draft and leaves the published content, as
 * `ID:$SAVED` does); describe answers the published content. It refuses what Connect refuses:
 * a name already used by a flow (or module) of the same kind (`duplicate-name`), content over
 * 256,000 characters (`content-too-large`), content that is not JSON, and, when publishing,
 * content that is not a Flow Language document (`invalid-flow`, with diagnostics).
 *
 * State is re-read on every call and written with temp file + rename, so it survives restarts
 * and another process's writes are seen. Two processes creating the same name at the same moment
 * could both succeed: the local default is for one person at a time.
 */
export class LocalContactCenter implements ContactCenter {
  readonly #dir: string;
  readonly #seed: string | null;
  readonly #arnWhenUnseeded: string | undefined;
  readonly #newId: () => string;

  constructor(options: LocalContactCenterOptions) {
    this.#dir = options.dir;
    this.#seed = options.seed;
    this.#arnWhenUnseeded = options.instanceArn;
    this.#newId = options.newId ?? randomUUID;
  }

  /** The instance ARN (reading it seeds the instance on first use). */
  get instanceArn(): string {
    return this.#instance().instanceArn;
  }

  /** The flows and modules of the inventory (one read of the same files). */
  async flowInventory(): Promise<CatalogData> {
    const data = await this.inventory();
    return { ...data, resources: data.resources.filter((r) => r.kind === 'flow' || r.kind === 'module') };
  }

  /** The Lambda functions and Lex V2 aliases of the inventory (one read of the same files). */
  async integrationInventory(): Promise<CatalogData> {
    const data = await this.inventory();
    return { ...data, resources: data.resources.filter((r) => r.kind === 'lambda' || r.kind === 'lex-bot') };
  }

  async inventory(): Promise<CatalogData> {
    const instance = this.#instance();
    const flows = readFlowFiles(this.#dir).map(toResource);
    const own = new Set(flows.map((f) => `${f.kind}\u0000${f.id}`));
    const seeded = instance.resources.filter((r) => !own.has(`${r.kind}\u0000${r.id}`));
    // AWS-managed views exist in every real instance without being created, so the local one has them too.
    const views = new Set(seeded.filter((r) => r.kind === 'view').map((r) => r.id));
    return {
      name: instance.name,
      instanceArn: instance.instanceArn,
      resources: [...seeded, ...awsManagedViews(instance.instanceArn, views), ...flows],
      mappings: instance.mappings,
    };
  }

  async describeFlow(kind: 'flow' | 'module', id: string): Promise<ContactCenterFlow | null> {
    this.#instance();
    const flow = readFlowFile(this.#dir, id);
    if (flow === null || flow.kind !== kind) return null;
    return describedOf(flow);
  }

  /**
   * Files are cheap to read: each id is described as `describeFlow` does, or with `saved` as
   * Connect's `ID:$SAVED` answers: the draft kept beside published content, else the content.
   */
  async describeFlows(
    kind: 'flow' | 'module',
    ids: readonly string[],
    options: DescribeFlowsOptions = {},
  ): Promise<Map<string, ContactCenterFlow>> {
    this.#instance();
    const found = new Map<string, ContactCenterFlow>();
    for (const id of new Set(ids)) {
      const flow = readFlowFile(this.#dir, id);
      if (flow === null || flow.kind !== kind) continue;
      found.set(id, options.saved === true ? savedOf(flow) : describedOf(flow));
    }
    return found;
  }

  async createFlow(input: CreateFlowInput): Promise<{ readonly id: string; readonly arn: string }> {
    const instance = this.#instance();
    // CreateContactFlowModule takes no status: Connect publishes (and validates) every new module.
    const status = input.kind === 'module' ? 'PUBLISHED' : input.status;
    const refused = checkCreateInput(input) ?? checkContent(input.content, input.kind, status);
    if (refused !== null) throw refused;
    const taken = readFlowFiles(this.#dir).find((f) => f.kind === input.kind && f.name === input.name);
    if (taken !== undefined) {
      throw new ContactCenterError(
        'duplicate-name',
        `A ${input.kind} named "${input.name}" already exists in ${instance.instanceArn} (id ${taken.id}).`,
      );
    }
    const id = this.#newId();
    const arn = formatInstanceResourceArn(instance.instanceArn, input.kind, id);
    if (arn === null) {
      throw new ContactCenterError(
        'local-state-corrupt',
        `The local instance ARN ${instance.instanceArn} does not parse.`,
      );
    }
    writeFlowFile(this.#dir, {
      kind: input.kind,
      id,
      arn,
      name: input.name,
      type: input.kind === 'flow' ? input.type : null,
      description: input.description,
      content: input.content,
      status,
      draft: null,
    });
    return { id, arn };
  }

  /**
   * The local instance has no account behind it: any Lambda function or Lex V2 alias ARN is
   * associated (kept in the instance file, listed by the inventory from then on); anything that
   * is not such an ARN is `not-found`, as Connect answers for a function it cannot find.
   */
  async associateIntegration(kind: IntegrationKind, arn: string): Promise<void> {
    const instance = this.#instance();
    if (instance.resources.some((r) => r.kind === kind && r.arn === arn)) return;
    const parsed = parseArn(arn);
    const resource: CatalogResource | null =
      kind === 'lambda' && parsed?.service === 'lambda' && parsed.resourceType === 'function'
        ? { kind, id: parsed.resourceId, arn, name: parsed.resourceId }
        : kind === 'lex-bot' && parsed?.service === 'lex' && parsed.botId !== null
          ? { kind, id: `${parsed.botId}/${parsed.resourceId}`, arn, name: arn }
          : null;
    if (resource === null) throw new ContactCenterError('not-found', `No ${kind} ${arn}.`);
    writeInstanceFile(this.#dir, { ...instance, resources: [...instance.resources, resource] });
  }

  async updateFlow(input: UpdateFlowInput): Promise<void> {
    this.#instance();
    const refused = checkUpdateInput(input) ?? checkContent(input.content, input.kind, input.status);
    if (refused !== null) throw refused;
    const flow = readFlowFile(this.#dir, input.id);
    if (flow === null || flow.kind !== input.kind) {
      throw new ContactCenterError(
        'not-found',
        `No ${input.kind} with id ${input.id} in the local instance.`,
      );
    }
    writeFlowFile(this.#dir, updated(flow, input));
  }

  /** The instance file, seeding the directory when it has none yet. */
  #instance(): InstanceFile {
    const existing = readInstanceFile(this.#dir);
    if (existing !== null) return existing;
    const seeded =
      this.#seed === null ? { instance: this.#emptyInstance(), flows: [] } : seedInstance(this.#seed);
    // Flows first: the instance file is what marks the directory as seeded.
    for (const flow of seeded.flows) writeFlowFile(this.#dir, flow);
    writeInstanceFile(this.#dir, seeded.instance);
    return seeded.instance;
  }

  #emptyInstance(): InstanceFile {
    const instanceArn =
      this.#arnWhenUnseeded ?? `arn:aws:connect:us-east-1:000000000000:instance/${randomUUID()}`;
    return { instanceArn, name: 'local', resources: [], mappings: [] };
  }
}

/** What describe answers: the published content (or the content of a flow never published). */
function describedOf(flow: StoredFlow): ContactCenterFlow {
  return {
    kind: flow.kind,
    id: flow.id,
    arn: flow.arn,
    name: flow.name,
    type: flow.type,
    content: flow.content,
    status: flow.status,
  };
}

/** What `ID:$SAVED` answers: the draft saved beside published content, else the content itself. */
function savedOf(flow: StoredFlow): ContactCenterFlow {
  return flow.draft === null
    ? describedOf(flow)
    : { ...describedOf(flow), content: flow.draft, status: 'SAVED' };
}

/** A `PUBLISHED` write replaces what runs; a `SAVED` one over published content is kept as a draft. */
function updated(flow: StoredFlow, input: UpdateFlowInput): StoredFlow {
  if (input.status === 'PUBLISHED')
    return { ...flow, content: input.content, status: 'PUBLISHED', draft: null };
  if (flow.status === 'PUBLISHED') return { ...flow, draft: input.content };
  return { ...flow, content: input.content, draft: null };
}

function toResource(flow: StoredFlow): CatalogResource {
  return flow.type === null || flow.kind === 'module'
    ? { kind: flow.kind, id: flow.id, arn: flow.arn, name: flow.name }
    : { kind: flow.kind, id: flow.id, arn: flow.arn, name: flow.name, flowType: flow.type };
}

/**
 * What Connect checks in content: it must be JSON; published content must be a Flow Language
 * document whose `StartAction` is one of its actions (Connect validates on publish only).
 */
function checkContent(
  content: string,
  kind: 'flow' | 'module',
  status: 'PUBLISHED' | 'SAVED',
): ContactCenterError | null {
  let doc: unknown;
  try {
    doc = JSON.parse(content);
  } catch (error) {
    return invalid(`The content is not valid JSON (${String(error)}).`, content, kind);
  }
  if (status === 'SAVED') return null;
  if (!isJsonObject(doc) || !Array.isArray(doc.Actions) || typeof doc.StartAction !== 'string') {
    return invalid(
      'The content is not a Flow Language document (Version, StartAction, Actions).',
      content,
      kind,
    );
  }
  const start = doc.StartAction;
  const known = doc.Actions.some((a) => isJsonObject(a) && a.Identifier === start);
  if (doc.Actions.length > 0 && !known) {
    return invalid(`StartAction "${start}" is not one of the flow's actions.`, content, kind);
  }
  return null;
}

function invalid(problem: string, content: string, kind: 'flow' | 'module'): ContactCenterError {
  return new ContactCenterError(
    'invalid-flow',
    `The local contact center refused the ${kind}: ${problem}`,
    problemDiagnostics([problem], content, kind),
  );
}
