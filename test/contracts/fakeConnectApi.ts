import { randomUUID } from 'node:crypto';
import {
  AssociateBotCommand,
  type AssociateBotCommandInput,
  AssociateLambdaFunctionCommand,
  type AssociateLambdaFunctionCommandInput,
  ConnectClient,
  ContactFlowNotPublishedException,
  CreateContactFlowCommand,
  type CreateContactFlowCommandInput,
  CreateContactFlowModuleCommand,
  type CreateContactFlowModuleCommandInput,
  DescribeContactFlowCommand,
  type DescribeContactFlowCommandInput,
  DescribeContactFlowModuleCommand,
  type DescribeContactFlowModuleCommandInput,
  DuplicateResourceException,
  InvalidParameterException,
  ListBotsCommand,
  type ListBotsCommandInput,
  ListContactFlowModulesCommand,
  type ListContactFlowModulesCommandInput,
  ListContactFlowsCommand,
  type ListContactFlowsCommandInput,
  ListHoursOfOperationsCommand,
  ListLambdaFunctionsCommand,
  ListPromptsCommand,
  ListQueuesCommand,
  type ListQueuesCommandInput,
  ListQuickConnectsCommand,
  ListSecurityKeysCommand,
  ListTaskTemplatesCommand,
  ListUsersCommand,
  ListViewsCommand,
  type ListViewsCommandInput,
  ResourceConflictException,
  ResourceNotFoundException,
  SearchContactFlowModulesCommand,
  SearchContactFlowsCommand,
  UpdateContactFlowContentCommand,
  type UpdateContactFlowContentCommandInput,
  UpdateContactFlowModuleContentCommand,
  type UpdateContactFlowModuleContentCommandInput,
} from '@aws-sdk/client-connect';
import { mockClient } from 'aws-sdk-client-mock';
import { parseArn } from '../../core/resolve/arn.js';
import { awsManagedViews } from '../../core/resolve/awsManagedViews.js';
import type { CatalogResource } from '../../core/resolve/types.js';

/** A flow or module the fake starts with. */
export interface FakeConnectFlow {
  readonly kind: 'flow' | 'module';
  readonly id: string;
  readonly name: string;
  /** The flow type (`CONTACT_FLOW`); null for modules. */
  readonly type: string | null;
  readonly content: string;
  readonly status: 'PUBLISHED' | 'SAVED';
}

/** Options of `FakeConnectApi`. */
export interface FakeConnectApiOptions {
  /** `arn:aws:connect:REGION:ACCOUNT:instance/ID`: requests naming another instance find nothing. */
  readonly instanceArn: string;
  /** Queues, prompts, users, Lambdas, bots…, answered by their List APIs. */
  readonly resources?: readonly CatalogResource[];
  readonly flows?: readonly FakeConnectFlow[];
  /**
   * Lambda functions and Lex V2 aliases that exist in the account but are not associated with
   * the instance: `AssociateLambdaFunction` / `AssociateBot` find these (any other ARN is a
   * `ResourceNotFoundException`), and the List APIs list them once associated.
   */
  readonly account?: readonly CatalogResource[];
  /**
   * The most items one List or Search page holds, whatever `MaxResults` asked for (Connect may
   * return fewer than asked). Small by default, so every caller must follow `NextToken`.
   */
  readonly pageSize?: number;
}

/** What Connect keeps of a flow or module: the published content (null until published) and the saved one. */
interface StoredFlow {
  readonly kind: 'flow' | 'module';
  readonly id: string;
  readonly arn: string;
  readonly name: string;
  readonly type: string | null;
  readonly published: string | null;
  readonly saved: string;
}

/** The largest `MaxResults` each API accepts (Amazon Connect API Reference); more is refused. */
const MAX_RESULTS: Readonly<Record<string, number>> = {
  ListQueues: 1000,
  ListPrompts: 1000,
  ListHoursOfOperations: 1000,
  ListQuickConnects: 1000,
  ListUsers: 1000,
  ListContactFlows: 1000,
  ListContactFlowModules: 1000,
  ListLambdaFunctions: 25,
  ListBots: 25,
  ListSecurityKeys: 2,
  ListTaskTemplates: 100,
  ListViews: 100,
  SearchContactFlows: 100,
  SearchContactFlowModules: 100,
};

/** The qualifier that reads or writes a flow's saved draft instead of what is published. */
const SAVED = '$SAVED';

const $metadata = {};

/**
 * A small, stateful Amazon Connect behind a real `ConnectClient` (through `aws-sdk-client-mock`),
 * answering the calls `ConnectContactCenter` makes as the API Reference documents them:
 *
 * - `CreateContactFlow` keeps the `Status` asked (`PUBLISHED` when none); `CreateContactFlowModule`
 *   has no status and publishes. A name already used by a flow (or module) of the same kind is a
 *   `DuplicateResourceException`.
 * - `Describe*` of the bare id answers the published content; of `ID:$SAVED` the saved content.
 *   A flow that was never published answers `ContactFlowNotPublishedException` for the bare id.
 *   An id that is not a flow (or module) of that kind is a `ResourceNotFoundException`.
 * - `Update*Content` of the bare id publishes; of `ID:$SAVED` it saves a draft and leaves what is
 *   published alone; an unknown id is a `ResourceNotFoundException`.
 * - `List*` and `Search*` page with `NextToken`; a `MaxResults` over the API's maximum or a token
 *   this fake did not hand out is an `InvalidParameterException`.
 *
 * Any other command rejects, so a caller cannot rely on an answer the fake never gives.
 */
export class FakeConnectApi {
  readonly client: ConnectClient;
  readonly instanceArn: string;
  readonly #instanceId: string;
  readonly #resources: CatalogResource[];
  readonly #account: readonly CatalogResource[];
  readonly #flows = new Map<string, StoredFlow>();
  readonly #pageSize: number;

  constructor(options: FakeConnectApiOptions) {
    const instanceId = parseArn(options.instanceArn)?.instanceId ?? null;
    if (instanceId === null) throw new Error(`Not an instance ARN: ${options.instanceArn}`);
    this.instanceArn = options.instanceArn;
    this.#instanceId = instanceId;
    this.#resources = [...(options.resources ?? [])];
    this.#account = options.account ?? [];
    this.#pageSize = options.pageSize ?? 2;
    for (const flow of options.flows ?? []) {
      this.#flows.set(flow.id, {
        kind: flow.kind,
        id: flow.id,
        arn: this.#arnOf(flow.kind, flow.id),
        name: flow.name,
        type: flow.type,
        published: flow.status === 'PUBLISHED' ? flow.content : null,
        saved: flow.content,
      });
    }
    this.client = new ConnectClient({
      region: parseArn(options.instanceArn)?.region ?? 'us-east-1',
      credentials: { accessKeyId: 'fake', secretAccessKey: 'fake' },
    });
    this.#answer();
  }

  /** Deletes a flow or module as someone would in the Connect console, outside the API under test. */
  deleteByHand(id: string): void {
    this.#flows.delete(id);
  }

  #answer(): void {
    const connect = mockClient(this.client);
    connect.onAnyCommand().callsFake((input: unknown) => {
      throw new Error(`FakeConnectApi does not answer this command (${JSON.stringify(input)}).`);
    });
    connect
      .on(CreateContactFlowCommand)
      .callsFake((input: CreateContactFlowCommandInput) => this.#createFlow(input))
      .on(CreateContactFlowModuleCommand)
      .callsFake((input: CreateContactFlowModuleCommandInput) => this.#createModule(input))
      .on(DescribeContactFlowCommand)
      .callsFake((input: DescribeContactFlowCommandInput) => {
        this.#checkInstance(input.InstanceId);
        return { ContactFlow: this.#describe('flow', input.ContactFlowId) };
      })
      .on(DescribeContactFlowModuleCommand)
      .callsFake((input: DescribeContactFlowModuleCommandInput) => {
        this.#checkInstance(input.InstanceId);
        return { ContactFlowModule: this.#describe('module', input.ContactFlowModuleId) };
      })
      .on(UpdateContactFlowContentCommand)
      .callsFake((input: UpdateContactFlowContentCommandInput) => {
        this.#checkInstance(input.InstanceId);
        this.#update('flow', input.ContactFlowId, input.Content);
        return {};
      })
      .on(UpdateContactFlowModuleContentCommand)
      .callsFake((input: UpdateContactFlowModuleContentCommandInput) => {
        this.#checkInstance(input.InstanceId);
        this.#update('module', input.ContactFlowModuleId, input.Content);
        return {};
      })
      .on(AssociateLambdaFunctionCommand)
      .callsFake((input: AssociateLambdaFunctionCommandInput) => {
        this.#checkInstance(input.InstanceId);
        return this.#associate('lambda', required(input.FunctionArn, 'FunctionArn'));
      })
      .on(AssociateBotCommand)
      .callsFake((input: AssociateBotCommandInput) => {
        this.#checkInstance(input.InstanceId);
        return this.#associate('lex-bot', required(input.LexV2Bot?.AliasArn, 'LexV2Bot.AliasArn'));
      })
      .on(ListContactFlowsCommand)
      .callsFake((input: ListContactFlowsCommandInput) =>
        this.#list('ListContactFlows', 'ContactFlowSummaryList', input, this.#flowSummaries(input)),
      )
      .on(ListContactFlowModulesCommand)
      .callsFake((input: ListContactFlowModulesCommandInput) =>
        this.#list(
          'ListContactFlowModules',
          'ContactFlowModulesSummaryList',
          input,
          input.ContactFlowModuleState === 'ARCHIVED' ? [] : this.#moduleSummaries(),
        ),
      )
      .on(SearchContactFlowsCommand)
      .callsFake((input: PageInput) => this.#search('SearchContactFlows', 'ContactFlows', 'flow', input))
      .on(SearchContactFlowModulesCommand)
      .callsFake((input: PageInput) =>
        this.#search('SearchContactFlowModules', 'ContactFlowModules', 'module', input),
      )
      .on(ListQueuesCommand)
      .callsFake((input: ListQueuesCommandInput) =>
        this.#list(
          'ListQueues',
          'QueueSummaryList',
          input,
          // Every seeded queue is a standard one: agent queues are users.
          input.QueueTypes === undefined || input.QueueTypes.includes('STANDARD')
            ? this.#named('queue').map((q) => ({ ...q, QueueType: 'STANDARD' }))
            : [],
        ),
      )
      .on(ListPromptsCommand)
      .callsFake((input: PageInput) =>
        this.#list('ListPrompts', 'PromptSummaryList', input, this.#named('prompt')),
      )
      .on(ListHoursOfOperationsCommand)
      .callsFake((input: PageInput) =>
        this.#list('ListHoursOfOperations', 'HoursOfOperationSummaryList', input, this.#named('hours')),
      )
      .on(ListQuickConnectsCommand)
      .callsFake((input: PageInput) =>
        this.#list('ListQuickConnects', 'QuickConnectSummaryList', input, this.#named('quick-connect')),
      )
      .on(ListUsersCommand)
      .callsFake((input: PageInput) =>
        this.#list(
          'ListUsers',
          'UserSummaryList',
          input,
          this.#of('user').map((u) => ({ Id: u.id, Arn: u.arn, Username: u.name })),
        ),
      )
      .on(ListLambdaFunctionsCommand)
      .callsFake((input: PageInput) =>
        this.#list(
          'ListLambdaFunctions',
          'LambdaFunctions',
          input,
          this.#of('lambda').map((l) => l.arn),
        ),
      )
      .on(ListBotsCommand)
      .callsFake((input: ListBotsCommandInput) => this.#bots(input))
      .on(ListSecurityKeysCommand)
      .callsFake((input: PageInput) =>
        this.#list(
          'ListSecurityKeys',
          'SecurityKeys',
          input,
          this.#of('security-key').map((k) => ({ AssociationId: k.id, Key: 'MIIB…' })),
        ),
      )
      .on(ListTaskTemplatesCommand)
      .callsFake((input: PageInput) =>
        this.#list('ListTaskTemplates', 'TaskTemplates', input, this.#named('task-template')),
      )
      .on(ListViewsCommand)
      .callsFake((input: ListViewsCommandInput) =>
        this.#list('ListViews', 'ViewsSummaryList', input, this.#views(input.Type)),
      );
  }

  /** Connect: one already associated is a `ResourceConflictException`; one the account lacks is not found. */
  #associate(kind: 'lambda' | 'lex-bot', arn: string) {
    if (this.#resources.some((r) => r.kind === kind && r.arn === arn)) {
      throw new ResourceConflictException({ message: `${arn} is already associated.`, $metadata });
    }
    const found = this.#account.find((r) => r.kind === kind && r.arn === arn);
    if (found === undefined) {
      throw new ResourceNotFoundException({ message: `${arn} was not found.`, $metadata });
    }
    this.#resources.push(found);
    return {};
  }

  /**
   * The seeded views are the instance's own; AWS-managed ones (in every instance, ARN in account
   * `aws`) answer `Type: AWS_MANAGED`. Without a type, both, as the API reference leaves open.
   */
  #views(type: string | undefined) {
    const managed = awsManagedViews(this.instanceArn).map((v) => ({
      Id: v.arn,
      Arn: v.arn,
      Name: v.name,
      Type: 'AWS_MANAGED',
    }));
    if (type === 'AWS_MANAGED') return managed;
    const own = this.#named('view');
    return type === 'CUSTOMER_MANAGED' ? own : [...own, ...managed];
  }

  #createFlow(input: CreateContactFlowCommandInput) {
    this.#checkInstance(input.InstanceId);
    const name = required(input.Name, 'Name');
    const content = required(input.Content, 'Content');
    const type = required(input.Type, 'Type');
    this.#checkNameFree('flow', name);
    const id = randomUUID();
    const arn = this.#arnOf('flow', id);
    const published = (input.Status ?? 'PUBLISHED') === 'PUBLISHED' ? content : null;
    this.#flows.set(id, { kind: 'flow', id, arn, name, type, published, saved: content });
    return { ContactFlowId: id, ContactFlowArn: arn };
  }

  #createModule(input: CreateContactFlowModuleCommandInput) {
    this.#checkInstance(input.InstanceId);
    const name = required(input.Name, 'Name');
    const content = required(input.Content, 'Content');
    this.#checkNameFree('module', name);
    const id = randomUUID();
    const arn = this.#arnOf('module', id);
    this.#flows.set(id, { kind: 'module', id, arn, name, type: null, published: content, saved: content });
    return { Id: id, Arn: arn };
  }

  #describe(kind: 'flow' | 'module', rawId: string | undefined) {
    const { flow, draft } = this.#find(kind, rawId);
    if (!draft && flow.published === null) {
      throw new ContactFlowNotPublishedException({ message: 'The flow has not been published.', $metadata });
    }
    return {
      Id: flow.id,
      Arn: draft ? `${flow.arn}:${SAVED}` : flow.arn,
      Name: flow.name,
      ...(flow.type === null ? {} : { Type: flow.type }),
      State: 'ACTIVE',
      Status: draft ? 'SAVED' : 'PUBLISHED',
      Content: draft ? flow.saved : flow.published,
    };
  }

  #update(kind: 'flow' | 'module', rawId: string | undefined, content: string | undefined): void {
    const text = required(content, 'Content');
    const { flow, draft } = this.#find(kind, rawId);
    this.#flows.set(flow.id, draft ? { ...flow, saved: text } : { ...flow, published: text, saved: text });
  }

  /** The flow or module an id names, and whether the id asked for its saved draft (`ID:$SAVED`). */
  #find(kind: 'flow' | 'module', rawId: string | undefined): { flow: StoredFlow; draft: boolean } {
    const [id = '', qualifier, ...rest] = required(rawId, 'Id').split(':');
    const flow = this.#flows.get(id);
    // Versions (`ID:3`) exist in Connect, but nothing here makes them.
    const unknownQualifier = rest.length > 0 || (qualifier !== undefined && qualifier !== SAVED);
    if (flow === undefined || flow.kind !== kind || unknownQualifier) {
      throw new ResourceNotFoundException({ message: `${kind} ${rawId} was not found.`, $metadata });
    }
    return { flow, draft: qualifier === SAVED };
  }

  #flowSummaries(input: ListContactFlowsCommandInput) {
    const types = input.ContactFlowTypes;
    return [...this.#flows.values()]
      .filter((f) => f.kind === 'flow' && (types === undefined || types.some((t) => t === f.type)))
      .map((f) => ({
        Id: f.id,
        Arn: f.arn,
        Name: f.name,
        ContactFlowType: f.type,
        ContactFlowState: 'ACTIVE',
        ContactFlowStatus: f.published === null ? 'SAVED' : 'PUBLISHED',
      }));
  }

  #moduleSummaries() {
    return [...this.#flows.values()]
      .filter((f) => f.kind === 'module')
      .map((f) => ({ Id: f.id, Arn: f.arn, Name: f.name, State: 'ACTIVE' }));
  }

  /** Whole flows, as Search returns them: the published content, or the saved one of a flow never published. */
  #search(api: string, key: string, kind: 'flow' | 'module', input: PageInput) {
    const items = [...this.#flows.values()]
      .filter((f) => f.kind === kind)
      .map((f) => ({
        Id: f.id,
        Arn: f.arn,
        Name: f.name,
        ...(f.type === null ? {} : { Type: f.type }),
        State: 'ACTIVE',
        Status: f.published === null ? 'SAVED' : 'PUBLISHED',
        Content: f.published ?? f.saved,
      }));
    return { ...this.#list(api, key, input, items), ApproximateTotalCount: items.length };
  }

  #bots(input: ListBotsCommandInput) {
    const bots =
      input.LexVersion === 'V2'
        ? this.#of('lex-bot').map((b) => ({ LexV2Bot: { AliasArn: b.arn } }))
        : this.#of('lex-v1-bot').map((b) => ({
            LexBot: { Name: b.name, LexRegion: parseArn(b.arn)?.region ?? '' },
          }));
    return this.#list('ListBots', 'LexBots', input, bots);
  }

  /** One page of `items` after the caller's `NextToken`, with a token for the next while more follow. */
  #list(api: string, key: string, input: PageInput, items: readonly unknown[]) {
    this.#checkInstance(input.InstanceId);
    const max = MAX_RESULTS[api] ?? 100;
    const asked = input.MaxResults ?? max;
    if (asked < 1 || asked > max) {
      throw new InvalidParameterException({
        message: `MaxResults of ${api} must be between 1 and ${max}.`,
        $metadata,
      });
    }
    const start = this.#offset(api, input.NextToken);
    const end = start + Math.min(asked, this.#pageSize);
    const next = end < items.length ? { NextToken: `${api}/${end}` } : {};
    return { [key]: items.slice(start, end), ...next };
  }

  #offset(api: string, token: string | undefined): number {
    if (token === undefined) return 0;
    const match = /^([A-Za-z]+)\/(\d+)$/.exec(token);
    if (match === null || match[1] !== api) {
      throw new InvalidParameterException({ message: `Invalid NextToken for ${api}.`, $metadata });
    }
    return Number(match[2]);
  }

  #checkInstance(instanceId: string | undefined): void {
    if (instanceId !== this.#instanceId) {
      throw new ResourceNotFoundException({ message: `Instance ${instanceId} was not found.`, $metadata });
    }
  }

  #checkNameFree(kind: 'flow' | 'module', name: string): void {
    for (const flow of this.#flows.values()) {
      if (flow.kind === kind && flow.name === name) {
        throw new DuplicateResourceException({
          message: `A ${kind} named ${name} already exists.`,
          $metadata,
        });
      }
    }
  }

  #of(kind: CatalogResource['kind']): CatalogResource[] {
    return this.#resources.filter((r) => r.kind === kind);
  }

  #named(kind: CatalogResource['kind']) {
    return this.#of(kind).map((r) => ({ Id: r.id, Arn: r.arn, Name: r.name }));
  }

  #arnOf(kind: 'flow' | 'module', id: string): string {
    return `${this.instanceArn}/${kind === 'flow' ? 'contact-flow' : 'flow-module'}/${id}`;
  }
}

/** The fields every paged request carries. */
interface PageInput {
  readonly InstanceId?: string | undefined;
  readonly MaxResults?: number | undefined;
  readonly NextToken?: string | undefined;
}

function required(value: string | undefined, field: string): string {
  if (value === undefined || value === '') {
    throw new InvalidParameterException({ message: `${field} is required.`, $metadata });
  }
  return value;
}
