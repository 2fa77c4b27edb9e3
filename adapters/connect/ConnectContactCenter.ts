import {
  AssociateBotCommand,
  AssociateLambdaFunctionCommand,
  type ConnectClient,
  CreateContactFlowCommand,
  CreateContactFlowModuleCommand,
  DescribeContactFlowCommand,
  DescribeContactFlowModuleCommand,
  UpdateContactFlowContentCommand,
  UpdateContactFlowModuleContentCommand,
} from '@aws-sdk/client-connect';
import { ConfigError, ContactCenterError } from '../../core/errors.js';
import { parseFlowType } from '../../core/flowTypes.js';
import type {
  Clock,
  ContactCenter,
  ContactCenterFlow,
  CreateFlowInput,
  DescribeFlowsOptions,
  IntegrationKind,
  UpdateFlowInput,
} from '../../core/ports.js';
import { type ParsedArn, parseArn } from '../../core/resolve/arn.js';
import type { CatalogData, CatalogResource } from '../../core/resolve/types.js';
import { type CallContext, exceptionName, toContactCenterError } from './connectErrors.js';
import {
  createFlowResponse,
  createModuleResponse,
  describeFlowResponse,
  describeModuleResponse,
  parsePage,
  parseResponse,
} from './connectResponses.js';
import { checkCreateInput, checkUpdateInput } from './flowLimits.js';
import {
  FLOW_SEARCHES,
  SEARCH_PAGE_SIZE,
  searchedFlow,
  searchTotal,
  worthAnotherPage,
} from './flowSearch.js';
import { INVENTORY_LISTS, type InventoryList, lambdaResource, lexV2Resource } from './inventoryLists.js';
import { type LexV2AliasNames, nameLexV2Aliases } from './lexV2AliasNames.js';
import type { RateLimiter } from './rateLimiter.js';

/** Options of `ConnectContactCenter`. */
export interface ConnectContactCenterOptions {
  /** Built by `createConnectClient` (adaptive retries on throttling) in the instance's Region. */
  readonly client: ConnectClient;
  /** `arn:aws:connect:REGION:ACCOUNT:instance/ID`. */
  readonly instanceArn: string;
  /** Shared by every adapter that calls the same account and Region. */
  readonly limiter: RateLimiter;
  /** Ages the cached inventory when `inventoryMaxAgeMs` is set (the system clock otherwise). */
  readonly clock?: Clock;
  /** How long one inventory serves; unset, it serves for the adapter's life (one job). */
  readonly inventoryMaxAgeMs?: number;
  /**
   * Names Lex V2 aliases `BOT/ALIAS` (ListBots gives only their ARNs); unset, an alias is known
   * by its ARN and resolves by ARN, id or a remembered choice, not by name.
   */
  readonly lexNames?: LexV2AliasNames;
}

/** The List APIs of flows and modules: all that publishing needs to choose create or update. */
const FLOW_LISTS: ReadonlySet<string> = new Set(['ListContactFlows', 'ListContactFlowModules']);

/** The List APIs of the integrations publishing checks, which Connect lists only once associated. */
const INTEGRATION_LISTS: ReadonlySet<string> = new Set(['ListLambdaFunctions', 'ListBots (V2)']);

/** The flows and modules of an inventory. */
function onlyFlows(data: CatalogData): CatalogData {
  return { ...data, resources: data.resources.filter((r) => r.kind === 'flow' || r.kind === 'module') };
}

/** The Lambda functions and Lex V2 aliases of an inventory. */
function onlyIntegrations(data: CatalogData): CatalogData {
  return { ...data, resources: data.resources.filter((r) => r.kind === 'lambda' || r.kind === 'lex-bot') };
}

/** A List API whose NextToken comes back unchanged would page forever; Connect never needs this many. */
const MAX_PAGES = 10_000;

/** Describing a flow's draft: `…/contact-flow/ID:$SAVED` (and the same suffix on a bare id). */
const SAVED_QUALIFIER = ':$SAVED';

/**
 * An Amazon Connect instance as a `ContactCenter`. Every request waits its turn at the shared
 * rate limiter; the SDK client retries throttled requests. The inventory is read once per adapter
 * and kept up to date with the flows and modules created through it.
 *
 * Status on writes: `CreateContactFlow` takes `Status` as given. `CreateContactFlowModule` has no
 * status: Connect publishes a new module's content (and validates it) whatever was asked.
 * `Update*Content` has no status either: a `PUBLISHED` update writes to the flow or module id,
 * which publishes (and validates) the content; a `SAVED` update writes to `ID:$SAVED`, which
 * saves a draft and leaves what is published alone.
 *
 * Errors are `ContactCenterError`s with codes `invalid-flow` (Connect's validation, problems as
 * diagnostics on the blocks they name), `duplicate-name`, `not-found`, `content-too-large`,
 * `invalid-request`, `limit-exceeded`, `access-denied`, `throttled` and `service-error`
 * (retryable), `unexpected-response`, `connect-error`.
 */
export class ConnectContactCenter implements ContactCenter {
  readonly instanceArn: string;
  readonly #instance: ParsedArn;
  readonly #instanceId: string;
  readonly #client: ConnectClient;
  readonly #limiter: RateLimiter;
  readonly #clock: Clock | null;
  readonly #maxAgeMs: number | null;
  readonly #lexNames: LexV2AliasNames | null;
  #inventory: { readonly data: CatalogData; readonly at: number } | null = null;
  #pending: Promise<CatalogData> | null = null;

  constructor(options: ConnectContactCenterOptions) {
    const instance = parseArn(options.instanceArn);
    if (instance === null || instance.service !== 'connect' || instance.resourceType !== 'instance') {
      throw new ConfigError(
        'instanceArn',
        `Expected an Amazon Connect instance ARN (arn:aws:connect:REGION:ACCOUNT:instance/ID), got '${options.instanceArn}'.`,
      );
    }
    this.instanceArn = options.instanceArn;
    this.#instance = instance;
    this.#instanceId = instance.resourceId;
    this.#client = options.client;
    this.#limiter = options.limiter;
    this.#clock = options.clock ?? null;
    this.#maxAgeMs = options.inventoryMaxAgeMs ?? null;
    this.#lexNames = options.lexNames ?? null;
  }

  /** Every List API, all pages; one read per adapter (callers at the same time share it). */
  inventory(): Promise<CatalogData> {
    const cached = this.#inventory;
    if (cached !== null && this.#fresh(cached.at)) return Promise.resolve(cached.data);
    if (this.#pending === null) {
      const pending = this.#readInventory().then((data) => {
        this.#inventory = { data, at: this.#now() };
        return data;
      });
      this.#pending = pending;
      // A failed read is not cached: the next call tries again.
      const clear = () => {
        if (this.#pending === pending) this.#pending = null;
      };
      pending.then(clear, clear);
    }
    return this.#pending;
  }

  /** ListContactFlows and ListContactFlowModules only, or the flows of an inventory already read. */
  async flowInventory(): Promise<CatalogData> {
    const cached = this.#inventory;
    if (cached !== null && this.#fresh(cached.at)) return onlyFlows(cached.data);
    return this.#readLists(FLOW_LISTS);
  }

  /** ListLambdaFunctions and ListBots (V2) only, or the integrations of an inventory already read. */
  async integrationInventory(): Promise<CatalogData> {
    const cached = this.#inventory;
    if (cached !== null && this.#fresh(cached.at)) return onlyIntegrations(cached.data);
    // Not named through Lex: association is checked by ARN, and naming costs Lex calls.
    return this.#readLists(INTEGRATION_LISTS);
  }

  /** The inventory's lists named in `apis` alone, all pages; not kept (a part is not the inventory). */
  async #readLists(apis: ReadonlySet<string>): Promise<CatalogData> {
    const lists = await Promise.all(
      INVENTORY_LISTS.filter((list) => apis.has(list.api)).map((list) => this.#readList(list)),
    );
    return { name: this.#instanceId, instanceArn: this.instanceArn, resources: lists.flat(), mappings: [] };
  }

  async describeFlow(kind: 'flow' | 'module', id: string): Promise<ContactCenterFlow | null> {
    return kind === 'flow' ? this.#describeContactFlow(id) : this.#describeModule(id);
  }

  /**
   * Pages through `SearchContactFlows` / `SearchContactFlowModules` (100 whole flows a call),
   * keeping the ids asked for, while another page is cheaper than describing the ids still
   * missing one by one. A single id, an id Search did not return (its index lags new flows) and
   * an item that is not published content are described on their own, so every flow holds
   * exactly what `describeFlow` returns. Saved content is described one by one as `ID:$SAVED`:
   * Search returns only what is published.
   */
  async describeFlows(
    kind: 'flow' | 'module',
    ids: readonly string[],
    options: DescribeFlowsOptions = {},
  ): Promise<Map<string, ContactCenterFlow>> {
    const saved = options.saved === true;
    const missing = new Set(ids);
    const found = new Map<string, ContactCenterFlow>();
    if (missing.size > 1 && !saved) await this.#searchFlows(kind, missing, found);
    for (const id of missing) {
      const flow = saved ? await this.#describeSaved(kind, id) : await this.describeFlow(kind, id);
      if (flow !== null) found.set(id, flow);
    }
    return found;
  }

  async createFlow(input: CreateFlowInput): Promise<{ readonly id: string; readonly arn: string }> {
    const refused = checkCreateInput(input);
    if (refused !== null) throw refused;
    const created =
      input.kind === 'flow' ? await this.#createContactFlow(input) : await this.#createModule(input);
    this.#remember(input, created);
    return created;
  }

  async updateFlow(input: UpdateFlowInput): Promise<void> {
    const refused = checkUpdateInput(input);
    if (refused !== null) throw refused;
    const target = input.status === 'SAVED' ? `${input.id}${SAVED_QUALIFIER}` : input.id;
    const context: CallContext = {
      api: input.kind === 'flow' ? 'UpdateContactFlowContent' : 'UpdateContactFlowModuleContent',
      subject: `${input.kind} ${input.id}`,
      write: { kind: input.kind, content: input.content },
    };
    await this.#call(context, () =>
      input.kind === 'flow'
        ? this.#client.send(
            new UpdateContactFlowContentCommand({
              InstanceId: this.#instanceId,
              ContactFlowId: target,
              Content: input.content,
            }),
          )
        : this.#client.send(
            new UpdateContactFlowModuleContentCommand({
              InstanceId: this.#instanceId,
              ContactFlowModuleId: target,
              Content: input.content,
            }),
          ),
    );
  }

  /**
   * `AssociateLambdaFunction` (`FunctionArn`) or `AssociateBot` (`LexV2Bot.AliasArn`). Connect
   * answers `ResourceConflictException` for one already associated: that is the state asked
   * for, so it is not an error. `ResourceNotFoundException` (no such function or alias) is
   * `not-found`. The inventory kept for this job lists it afterwards, as a fresh List would.
   */
  async associateIntegration(kind: IntegrationKind, arn: string): Promise<void> {
    const api = kind === 'lambda' ? 'AssociateLambdaFunction' : 'AssociateBot';
    const context: CallContext = { api, subject: arn };
    try {
      await this.#raw(() =>
        kind === 'lambda'
          ? this.#client.send(
              new AssociateLambdaFunctionCommand({ InstanceId: this.#instanceId, FunctionArn: arn }),
            )
          : this.#client.send(
              new AssociateBotCommand({ InstanceId: this.#instanceId, LexV2Bot: { AliasArn: arn } }),
            ),
      );
    } catch (error) {
      if (exceptionName(error) !== 'ResourceConflictException') throw toContactCenterError(error, context);
    }
    this.#rememberIntegration(kind, arn);
  }

  async #readInventory(): Promise<CatalogData> {
    // All lists at once: the limiter paces the requests, and waits overlap with round trips.
    const lists = await Promise.all(INVENTORY_LISTS.map((list) => this.#readList(list)));
    const resources =
      this.#lexNames === null ? lists.flat() : await nameLexV2Aliases(lists.flat(), this.#lexNames);
    return { name: this.#instanceId, instanceArn: this.instanceArn, resources, mappings: [] };
  }

  async #readList(list: InventoryList): Promise<CatalogResource[]> {
    const resources: CatalogResource[] = [];
    const context: CallContext = { api: list.api, subject: '' };
    const seen = new Set<string>();
    let token: string | undefined;
    for (let pages = 0; pages < MAX_PAGES; pages += 1) {
      const next = token;
      const response = await this.#call(context, () =>
        list.page(this.#client, this.#instanceId, next, list.pageSize ?? undefined),
      );
      const page = parsePage(list.api, list.key, response);
      page.items.forEach((raw, index) => {
        const item = parseResponse(list.api, list.item, raw, [list.key, index]);
        resources.push(...list.resources(item, this.#instance));
      });
      if (page.next === null) return resources;
      if (seen.has(page.next)) break;
      seen.add(page.next);
      token = page.next;
    }
    throw new ContactCenterError(
      'unexpected-response',
      `Amazon Connect ${list.api} kept returning more pages (a NextToken repeated); the inventory was not read.`,
    );
  }

  /** Moves each wanted id Search returns as published content from `missing` to `found`. */
  async #searchFlows(
    kind: 'flow' | 'module',
    missing: Set<string>,
    found: Map<string, ContactCenterFlow>,
  ): Promise<void> {
    const search = FLOW_SEARCHES[kind];
    const context: CallContext = { api: search.api, subject: '' };
    const tokens = new Set<string>();
    let scanned = 0;
    let token: string | undefined;
    for (let pages = 0; pages < MAX_PAGES; pages += 1) {
      const next = token;
      const response = await this.#call(context, () =>
        search.page(this.#client, this.#instanceId, next, SEARCH_PAGE_SIZE),
      );
      const page = parsePage(search.api, search.key, response);
      page.items.forEach((raw, index) => {
        const item = parseResponse(search.api, searchedFlow, raw, [search.key, index]);
        if (!missing.has(item.Id) || item.Status !== 'PUBLISHED' || item.Content === undefined) return;
        missing.delete(item.Id);
        found.set(item.Id, {
          kind,
          id: item.Id,
          arn: unqualified(item.Arn),
          name: item.Name,
          type: kind === 'flow' ? parseFlowType(item.Type) : null,
          content: item.Content,
          status: 'PUBLISHED',
        });
      });
      scanned += page.items.length;
      const total = parseResponse(search.api, searchTotal, response).ApproximateTotalCount;
      // A repeated token would page forever: what is still missing is described instead.
      if (page.next === null || tokens.has(page.next)) return;
      if (missing.size === 0 || !worthAnotherPage(total, scanned, missing.size)) return;
      tokens.add(page.next);
      token = page.next;
    }
  }

  /** `ID:$SAVED`: the saved content (a published flow's draft, else its content). */
  #describeSaved(kind: 'flow' | 'module', id: string): Promise<ContactCenterFlow | null> {
    const savedId = `${id}${SAVED_QUALIFIER}`;
    return kind === 'flow' ? this.#describeContactFlow(id, savedId) : this.#describeModule(id, savedId);
  }

  async #describeContactFlow(id: string, asked: string = id): Promise<ContactCenterFlow | null> {
    const context: CallContext = { api: 'DescribeContactFlow', subject: `flow ${id}` };
    const send = (contactFlowId: string) =>
      this.#client.send(
        new DescribeContactFlowCommand({ InstanceId: this.#instanceId, ContactFlowId: contactFlowId }),
      );
    const response = await this.#describe(
      context,
      () => send(asked),
      () => send(`${id}${SAVED_QUALIFIER}`),
    );
    if (response === null) return null;
    const flow = parseResponse(context.api, describeFlowResponse, response.body).ContactFlow;
    return {
      kind: 'flow',
      id,
      arn: unqualified(flow.Arn),
      name: flow.Name,
      type: parseFlowType(flow.Type),
      content: flow.Content,
      status: flow.Status ?? (response.draft ? 'SAVED' : 'PUBLISHED'),
    };
  }

  async #describeModule(id: string, asked: string = id): Promise<ContactCenterFlow | null> {
    const context: CallContext = { api: 'DescribeContactFlowModule', subject: `module ${id}` };
    const send = (moduleId: string) =>
      this.#client.send(
        new DescribeContactFlowModuleCommand({ InstanceId: this.#instanceId, ContactFlowModuleId: moduleId }),
      );
    const response = await this.#describe(
      context,
      () => send(asked),
      () => send(`${id}${SAVED_QUALIFIER}`),
    );
    if (response === null) return null;
    const module = parseResponse(context.api, describeModuleResponse, response.body).ContactFlowModule;
    return {
      kind: 'module',
      id,
      arn: unqualified(module.Arn),
      name: module.Name,
      type: null,
      content: module.Content,
      status: module.Status ?? (response.draft ? 'SAVED' : 'PUBLISHED'),
    };
  }

  /**
   * The published content, or the draft when nothing was ever published (Connect answers
   * `ContactFlowNotPublishedException` for those); null when there is no such flow.
   */
  async #describe(
    context: CallContext,
    published: () => Promise<unknown>,
    draft: () => Promise<unknown>,
  ): Promise<{ readonly body: unknown; readonly draft: boolean } | null> {
    try {
      return { body: await this.#raw(published), draft: false };
    } catch (error) {
      const name = exceptionName(error);
      if (name === 'ResourceNotFoundException') return null;
      if (name !== 'ContactFlowNotPublishedException') throw toContactCenterError(error, context);
    }
    try {
      return { body: await this.#raw(draft), draft: true };
    } catch (error) {
      if (exceptionName(error) === 'ResourceNotFoundException') return null;
      throw toContactCenterError(error, context);
    }
  }

  async #createContactFlow(input: CreateFlowInput): Promise<{ id: string; arn: string }> {
    const context = createContext('CreateContactFlow', input);
    const response = await this.#call(context, () =>
      this.#client.send(
        new CreateContactFlowCommand({
          InstanceId: this.#instanceId,
          Name: input.name,
          // checkCreateInput refused a flow without a type.
          Type: input.type ?? 'CONTACT_FLOW',
          Content: input.content,
          Status: input.status,
          ...(input.description === '' ? {} : { Description: input.description }),
        }),
      ),
    );
    const created = parseResponse(context.api, createFlowResponse, response);
    return { id: created.ContactFlowId, arn: created.ContactFlowArn };
  }

  async #createModule(input: CreateFlowInput): Promise<{ id: string; arn: string }> {
    const context = createContext('CreateContactFlowModule', input);
    const response = await this.#call(context, () =>
      this.#client.send(
        new CreateContactFlowModuleCommand({
          InstanceId: this.#instanceId,
          Name: input.name,
          Content: input.content,
          ...(input.description === '' ? {} : { Description: input.description }),
        }),
      ),
    );
    const created = parseResponse(context.api, createModuleResponse, response);
    return { id: created.Id, arn: created.Arn };
  }

  /** One request: a turn at the limiter, then the call; any failure as a `ContactCenterError`. */
  async #call<T>(context: CallContext, send: () => Promise<T>): Promise<T> {
    try {
      return await this.#raw(send);
    } catch (error) {
      throw toContactCenterError(error, context);
    }
  }

  async #raw<T>(send: () => Promise<T>): Promise<T> {
    await this.#limiter.acquire();
    return send();
  }

  /** A created flow joins the cached inventory, as it would a fresh List. */
  #remember(input: CreateFlowInput, created: { id: string; arn: string }): void {
    if (this.#inventory === null) return;
    const resource: CatalogResource =
      input.kind === 'flow' && input.type !== null
        ? { kind: 'flow', id: created.id, arn: created.arn, name: input.name, flowType: input.type }
        : { kind: input.kind, id: created.id, arn: created.arn, name: input.name };
    const data = this.#inventory.data;
    this.#inventory = {
      at: this.#inventory.at,
      data: { ...data, resources: [...data.resources, resource] },
    };
  }

  /** An associated function or alias joins the cached inventory (once), as it would a fresh List. */
  #rememberIntegration(kind: IntegrationKind, arn: string): void {
    if (this.#inventory === null) return;
    const data = this.#inventory.data;
    if (data.resources.some((r) => r.kind === kind && r.arn === arn)) return;
    const listed = kind === 'lambda' ? lambdaResource(arn) : lexV2Resource(arn);
    this.#inventory = {
      at: this.#inventory.at,
      data: { ...data, resources: [...data.resources, ...listed] },
    };
  }

  #fresh(at: number): boolean {
    return this.#maxAgeMs === null || this.#now() - at <= this.#maxAgeMs;
  }

  #now(): number {
    return this.#clock?.now().getTime() ?? Date.now();
  }
}

function createContext(api: string, input: CreateFlowInput): CallContext {
  return {
    api,
    subject: `${input.kind} "${input.name}"`,
    write: { kind: input.kind, content: input.content },
  };
}

/** The ARN without `:$SAVED`, so it matches what the inventory lists. */
function unqualified(arn: string): string {
  return arn.endsWith(SAVED_QUALIFIER) ? arn.slice(0, -SAVED_QUALIFIER.length) : arn;
}
