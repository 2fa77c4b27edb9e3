import {
  type ConnectClient,
  SearchContactFlowModulesCommand,
  SearchContactFlowsCommand,
} from '@aws-sdk/client-connect';
import { z } from 'zod';

/**
 * The Search APIs as a bulk describe: `SearchContactFlows` / `SearchContactFlowModules` return
 * whole flows (content included), up to 100 a page. Their criteria filter on name and description
 * only, never on id, so a caller pages through the instance's flows and keeps the ids it wants.
 */

/** Search's largest page. */
export const SEARCH_PAGE_SIZE = 100;

/**
 * One Search API: its name, the response key holding the items, and how to ask for a page of at
 * most `maxResults` flows (publishing asks `SEARCH_PAGE_SIZE`; doctor asks for one).
 */
export interface FlowSearch {
  readonly api: string;
  readonly key: string;
  readonly page: (
    client: ConnectClient,
    instanceId: string,
    nextToken: string | undefined,
    maxResults: number,
  ) => Promise<unknown>;
}

/** The Search API of each kind. */
export const FLOW_SEARCHES: Readonly<Record<'flow' | 'module', FlowSearch>> = {
  flow: {
    api: 'SearchContactFlows',
    key: 'ContactFlows',
    page: (client, InstanceId, NextToken, MaxResults) =>
      client.send(new SearchContactFlowsCommand({ InstanceId, MaxResults, NextToken })),
  },
  module: {
    api: 'SearchContactFlowModules',
    key: 'ContactFlowModules',
    page: (client, InstanceId, NextToken, MaxResults) =>
      client.send(new SearchContactFlowModulesCommand({ InstanceId, MaxResults, NextToken })),
  },
};

const text = z.string().min(1);

/**
 * A flow or module as Search returns it. `Content` and `Status` may be missing or the flow only
 * a draft: such an item is described on its own, as `describeFlow` would read it.
 */
export const searchedFlow = z.object({
  Id: text,
  Arn: text,
  Name: text,
  Type: z.string().optional(),
  Content: z.string().optional(),
  Status: z.string().optional(),
});

/** The page's count of all matches, to judge whether paging on is cheaper than describing. */
export const searchTotal = z
  .object({ ApproximateTotalCount: z.number().int().nonnegative().optional() })
  .catchall(z.unknown());

/**
 * Whether another Search page is worth asking for: not when the pages still to read are at least
 * as many as the ids still missing (describing those one by one costs no more), or unknown.
 */
export function worthAnotherPage(total: number | undefined, scanned: number, missing: number): boolean {
  if (total === undefined) return false;
  const pagesLeft = Math.ceil(Math.max(0, total - scanned) / SEARCH_PAGE_SIZE);
  return pagesLeft > 0 && pagesLeft < missing;
}
