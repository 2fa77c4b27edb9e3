import {
  type ConnectClient,
  ListBotsCommand,
  ListContactFlowModulesCommand,
  ListContactFlowsCommand,
  ListHoursOfOperationsCommand,
  ListLambdaFunctionsCommand,
  ListPromptsCommand,
  ListQueuesCommand,
  ListQuickConnectsCommand,
  ListSecurityKeysCommand,
  ListTaskTemplatesCommand,
  ListUsersCommand,
  ListViewsCommand,
} from '@aws-sdk/client-connect';
import type { z } from 'zod';
import { isFlowType } from '../../core/flowTypes.js';
import type { ResourceKind } from '../../core/references/types.js';
import { formatArn, type ParsedArn, parseArn } from '../../core/resolve/arn.js';
import type { CatalogResource } from '../../core/resolve/types.js';
import {
  botConfig,
  flowSummary,
  lambdaArn,
  moduleSummary,
  namedSummary,
  queueSummary,
  securityKey,
  userSummary,
} from './connectResponses.js';

/** One List API: how to ask for a page, where its items are, and what each item becomes. */
export interface InventoryList<Item = unknown> {
  /** The API's name, for messages (`ListQueues`, `ListBots (V2)`). */
  readonly api: string;
  /** The response key holding the items. */
  readonly key: string;
  readonly item: z.ZodType<Item>;
  /** Items a page, the API's maximum; `null` where the API asks callers not to set one. */
  readonly pageSize: number | null;
  /**
   * Sends the request for the page after `nextToken` (`undefined` for the first) of at most
   * `maxResults` items (unset: the API's own default). The inventory asks `pageSize`; doctor asks
   * the same request for one item.
   */
  readonly page: (
    client: ConnectClient,
    instanceId: string,
    nextToken: string | undefined,
    maxResults: number | undefined,
  ) => Promise<unknown>;
  /** The catalog resources an item stands for (none for items flowgate does not resolve against). */
  readonly resources: (item: Item, instance: ParsedArn) => CatalogResource[];
}

/** The Lex V2 bot aliases associated with the instance (only their ARNs: see `lexV2AliasNames.ts`). */
export const LEX_V2_BOTS: InventoryList<z.infer<typeof botConfig>> = {
  api: 'ListBots (V2)',
  key: 'LexBots',
  item: botConfig,
  pageSize: 25,
  page: (client, InstanceId, NextToken, MaxResults) =>
    client.send(new ListBotsCommand({ InstanceId, LexVersion: 'V2', MaxResults, NextToken })),
  resources: (bot) => (bot.LexV2Bot === undefined ? [] : lexV2Resource(bot.LexV2Bot.AliasArn)),
};

/**
 * Everything flowgate resolves against, one entry per List API call sequence. Page sizes are each
 * API's maximum, so a large instance costs the fewest requests under the shared rate limit.
 */
export const INVENTORY_LISTS: readonly InventoryList[] = [
  list({
    api: 'ListQueues',
    key: 'QueueSummaryList',
    item: queueSummary,
    pageSize: 1000,
    // Agent queues are users (a transfer to an agent names the user), so only STANDARD queues.
    page: (client, InstanceId, NextToken, MaxResults) =>
      client.send(new ListQueuesCommand({ InstanceId, QueueTypes: ['STANDARD'], MaxResults, NextToken })),
    resources: (q) => (q.QueueType === undefined || q.QueueType === 'STANDARD' ? [named('queue', q)] : []),
  }),
  list({
    api: 'ListPrompts',
    key: 'PromptSummaryList',
    item: namedSummary,
    pageSize: 1000,
    page: (client, InstanceId, NextToken, MaxResults) =>
      client.send(new ListPromptsCommand({ InstanceId, MaxResults, NextToken })),
    resources: (p) => [named('prompt', p)],
  }),
  list({
    api: 'ListHoursOfOperations',
    key: 'HoursOfOperationSummaryList',
    item: namedSummary,
    pageSize: 1000,
    page: (client, InstanceId, NextToken, MaxResults) =>
      client.send(new ListHoursOfOperationsCommand({ InstanceId, MaxResults, NextToken })),
    resources: (h) => [named('hours', h)],
  }),
  list({
    api: 'ListQuickConnects',
    key: 'QuickConnectSummaryList',
    item: namedSummary,
    pageSize: 1000,
    page: (client, InstanceId, NextToken, MaxResults) =>
      client.send(new ListQuickConnectsCommand({ InstanceId, MaxResults, NextToken })),
    resources: (q) => [named('quick-connect', q)],
  }),
  list({
    api: 'ListUsers',
    key: 'UserSummaryList',
    item: userSummary,
    pageSize: 1000,
    page: (client, InstanceId, NextToken, MaxResults) =>
      client.send(new ListUsersCommand({ InstanceId, MaxResults, NextToken })),
    resources: (u) => [{ kind: 'user', id: u.Id, arn: u.Arn, name: u.Username }],
  }),
  list({
    api: 'ListContactFlows',
    key: 'ContactFlowSummaryList',
    item: flowSummary,
    pageSize: 1000,
    page: (client, InstanceId, NextToken, MaxResults) =>
      client.send(new ListContactFlowsCommand({ InstanceId, MaxResults, NextToken })),
    // Archived flows cannot be transferred to; listing them would let a name resolve to one.
    resources: (f) => (f.ContactFlowState === 'ARCHIVED' ? [] : [flowResource(f)]),
  }),
  list({
    api: 'ListContactFlowModules',
    key: 'ContactFlowModulesSummaryList',
    item: moduleSummary,
    pageSize: 1000,
    page: (client, InstanceId, NextToken, MaxResults) =>
      client.send(
        new ListContactFlowModulesCommand({
          InstanceId,
          ContactFlowModuleState: 'ACTIVE',
          MaxResults,
          NextToken,
        }),
      ),
    resources: (m) => (m.State === 'ARCHIVED' ? [] : [named('module', m)]),
  }),
  list({
    api: 'ListLambdaFunctions',
    key: 'LambdaFunctions',
    item: lambdaArn,
    pageSize: 25,
    page: (client, InstanceId, NextToken, MaxResults) =>
      client.send(new ListLambdaFunctionsCommand({ InstanceId, MaxResults, NextToken })),
    resources: (arn) => lambdaResource(arn),
  }),
  list(LEX_V2_BOTS),
  list({
    api: 'ListBots (V1)',
    key: 'LexBots',
    item: botConfig,
    pageSize: 25,
    page: (client, InstanceId, NextToken, MaxResults) =>
      client.send(new ListBotsCommand({ InstanceId, LexVersion: 'V1', MaxResults, NextToken })),
    resources: (bot, instance) => (bot.LexBot === undefined ? [] : [lexV1Resource(bot.LexBot, instance)]),
  }),
  list({
    api: 'ListSecurityKeys',
    key: 'SecurityKeys',
    item: securityKey,
    pageSize: 2,
    page: (client, InstanceId, NextToken, MaxResults) =>
      client.send(new ListSecurityKeysCommand({ InstanceId, MaxResults, NextToken })),
    // Keys have no ARN and no name: flows name them by the association id.
    resources: (k) => [{ kind: 'security-key', id: k.AssociationId, arn: '', name: k.AssociationId }],
  }),
  list({
    api: 'ListTaskTemplates',
    key: 'TaskTemplates',
    item: namedSummary,
    // The API documents that callers should not set a page size for this one.
    pageSize: null,
    page: (client, InstanceId, NextToken, MaxResults) =>
      client.send(new ListTaskTemplatesCommand({ InstanceId, MaxResults, NextToken })),
    resources: (t) => [named('task-template', t)],
  }),
  // Views are asked for by type, each explicitly: the API reference documents the `Type` filter
  // (CUSTOMER_MANAGED | AWS_MANAGED) but not which views an unfiltered call returns, and flows
  // show AWS-managed views (`confirmation`, `form`, …) as often as the instance's own.
  list({
    api: 'ListViews',
    key: 'ViewsSummaryList',
    item: namedSummary,
    pageSize: 100,
    page: (client, InstanceId, NextToken, MaxResults) =>
      client.send(new ListViewsCommand({ InstanceId, Type: 'CUSTOMER_MANAGED', MaxResults, NextToken })),
    resources: (v) => [named('view', v)],
  }),
  list({
    api: 'ListViews (AWS-managed)',
    key: 'ViewsSummaryList',
    item: namedSummary,
    pageSize: 100,
    page: (client, InstanceId, NextToken, MaxResults) =>
      client.send(new ListViewsCommand({ InstanceId, Type: 'AWS_MANAGED', MaxResults, NextToken })),
    resources: (v) => [awsManagedView(v)],
  }),
];

/** The IAM action of a List API (`ListBots (V2)` is `connect:ListBots`). */
export function listAction(list: InventoryList): string {
  return `connect:${list.api.split(' ')[0] ?? list.api}`;
}

/** Keeps each entry's item type while the table holds them all. */
function list<Item>(spec: InventoryList<Item>): InventoryList {
  return spec as unknown as InventoryList;
}

function named(kind: ResourceKind, item: z.infer<typeof namedSummary>): CatalogResource {
  return { kind, id: item.Id, arn: item.Arn, name: item.Name };
}

function flowResource(flow: z.infer<typeof flowSummary>): CatalogResource {
  const resource = named('flow', flow);
  // A type this version of flowgate does not know is left off: such a flow matches any type.
  return isFlowType(flow.ContactFlowType) ? { ...resource, flowType: flow.ContactFlowType } : resource;
}

/**
 * An AWS-managed view, under the id flows write (`confirmation`): the last part of its ARN
 * (`arn:aws:connect:REGION:aws:view/confirmation`), whether `Id` holds that or the whole ARN
 * (DescribeView takes the ARN as the id of an AWS-managed view).
 */
function awsManagedView(view: z.infer<typeof namedSummary>): CatalogResource {
  const id = parseArn(view.Arn)?.resourceId ?? parseArn(view.Id)?.resourceId ?? view.Id;
  return { kind: 'view', id, arn: view.Arn, name: view.Name };
}

/** A function ARN: found by its name; an alias or version ARN keeps the qualifier in its id. */
/** A Lambda function as `ListLambdaFunctions` lists it (nothing for an ARN that is not one). */
export function lambdaResource(arn: string): CatalogResource[] {
  const parsed = parseArn(arn);
  if (parsed === null || parsed.service !== 'lambda') return [];
  const id = parsed.qualifier === null ? parsed.resourceId : `${parsed.resourceId}:${parsed.qualifier}`;
  return [{ kind: 'lambda', id, arn, name: parsed.resourceId }];
}

/**
 * A Lex V2 alias. ListBots gives only the alias ARN, so the ARN is its name until the Lex V2
 * models API names it `BOT/ALIAS` (`lexV2AliasNames.ts`); the id is `BOT_ID/ALIAS_ID` because
 * alias ids repeat across bots (`TSTALIASID`).
 */
export function lexV2Resource(aliasArn: string): CatalogResource[] {
  const parsed = parseArn(aliasArn);
  if (parsed === null || parsed.botId === null) return [];
  return [{ kind: 'lex-bot', id: `${parsed.botId}/${parsed.resourceId}`, arn: aliasArn, name: aliasArn }];
}

/** A Lex V1 bot, known by name and Region; its ARN carries the Region for re-targeting. */
function lexV1Resource(bot: { Name: string; LexRegion: string }, instance: ParsedArn): CatalogResource {
  const arn = formatArn({
    partition: instance.partition,
    service: 'lex',
    region: bot.LexRegion,
    account: instance.account,
    resource: `bot:${bot.Name}`,
  });
  return { kind: 'lex-v1-bot', id: bot.Name, arn, name: bot.Name };
}
