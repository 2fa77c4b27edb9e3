/**
 * Amazon Connect calls per flow of a 100-flow publish batch, against an in-memory Connect behind
 * `aws-sdk-client-mock`, through the real use cases (import, request, publish) and the real
 * `ConnectContactCenter`. Each use case runs as its own job, with a fresh adapter (so nothing is
 * cached from the import): what a publish costs is every request it sends, its inventory read
 * included.
 */
import {
  ConnectClient,
  CreateContactFlowCommand,
  DescribeContactFlowCommand,
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
  ResourceNotFoundException,
  SearchContactFlowModulesCommand,
  SearchContactFlowsCommand,
  UpdateContactFlowContentCommand,
} from '@aws-sdk/client-connect';
import { mockClient } from 'aws-sdk-client-mock';
import { ConnectContactCenter } from '../adapters/connect/ConnectContactCenter.js';
import { UNLIMITED } from '../adapters/connect/rateLimiter.js';
import type { ServiceDeps } from '../core/deps.js';
import type { ContactCenter } from '../core/ports.js';
import { importFlows } from '../core/service/importFlows.js';
import { publishApproved } from '../core/service/publishApproved.js';
import { requestPublish } from '../core/service/requestPublish.js';
import { makeDeps, users } from '../test/fakes/serviceKit.js';

/** What {@link measurePublishCalls} reports. */
export interface PublishCallFigures {
  /** Calls per flow publishing 100 flows that need a write: first new, then each changed. The worse of the two. */
  readonly connect_calls_per_changed_flow: number;
  /** Calls per flow publishing the same 100 flows again, unchanged. */
  readonly connect_calls_per_unchanged_flow: number;
  /** The two changed cases apart: 100 new flows (created), 100 changed existing flows (updated). */
  readonly connect_calls_per_new_flow: number;
  readonly connect_calls_per_updated_flow: number;
}

const BATCH = 100;
const ENV = 'prod';

interface StoredFlow {
  Id: string;
  Arn: string;
  Name: string;
  Type: string;
  Content: string;
  Status: 'PUBLISHED' | 'SAVED';
  State: 'ACTIVE';
}

/** Amazon Connect's flows in memory, answering the commands flowgate sends. */
function fakeConnect(instanceArn: string) {
  const client = new ConnectClient({
    region: 'us-west-2',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  const mock = mockClient(client);
  const flows = new Map<string, StoredFlow>();
  let next = 1;
  const empty = {};
  for (const list of [
    ListQueuesCommand,
    ListPromptsCommand,
    ListHoursOfOperationsCommand,
    ListQuickConnectsCommand,
    ListUsersCommand,
    ListContactFlowModulesCommand,
    ListLambdaFunctionsCommand,
    ListBotsCommand,
    ListSecurityKeysCommand,
    ListTaskTemplatesCommand,
    ListViewsCommand,
  ] as const) {
    mock.on(list as typeof ListQueuesCommand).resolves(empty);
  }
  mock.on(SearchContactFlowModulesCommand).resolves({ ContactFlowModules: [], ApproximateTotalCount: 0 });
  mock.on(ListContactFlowsCommand).callsFake(() => ({
    ContactFlowSummaryList: [...flows.values()].map((f) => ({
      Id: f.Id,
      Arn: f.Arn,
      Name: f.Name,
      ContactFlowType: f.Type,
      ContactFlowState: f.State,
    })),
  }));
  mock.on(CreateContactFlowCommand).callsFake((input) => {
    const id = `b0000000-0000-4000-8000-${String(next++).padStart(12, '0')}`;
    const arn = `${instanceArn}/contact-flow/${id}`;
    flows.set(id, {
      Id: id,
      Arn: arn,
      Name: input.Name,
      Type: input.Type,
      Content: input.Content,
      Status: input.Status ?? 'PUBLISHED',
      State: 'ACTIVE',
    });
    return { ContactFlowId: id, ContactFlowArn: arn };
  });
  mock.on(UpdateContactFlowContentCommand).callsFake((input) => {
    const flow = flows.get(input.ContactFlowId);
    if (flow === undefined) throw new ResourceNotFoundException({ message: 'no such flow', $metadata: {} });
    flow.Content = input.Content;
    flow.Status = 'PUBLISHED';
    return {};
  });
  mock.on(DescribeContactFlowCommand).callsFake((input) => {
    const flow = flows.get(input.ContactFlowId);
    if (flow === undefined) throw new ResourceNotFoundException({ message: 'no such flow', $metadata: {} });
    return { ContactFlow: { ...flow } };
  });
  mock.on(SearchContactFlowsCommand).callsFake((input) => {
    const all = [...flows.values()];
    const start = input.NextToken === undefined ? 0 : Number(input.NextToken);
    const size = input.MaxResults ?? 100;
    const more = start + size < all.length ? { NextToken: String(start + size) } : {};
    return {
      ContactFlows: all.slice(start, start + size).map((f) => ({ ...f })),
      ApproximateTotalCount: all.length,
      ...more,
    };
  });
  return { client, calls: () => mock.calls().length };
}

/** A small inbound flow as the designer exports it. */
function flowFile(name: string, say: string): Uint8Array {
  const onError = [{ NextAction: 'end', ErrorType: 'NoMatchingError' }];
  return new TextEncoder().encode(
    JSON.stringify({
      Version: '2019-10-30',
      StartAction: 'greet',
      Metadata: { name, type: 'contactFlow' },
      Actions: [
        {
          Identifier: 'greet',
          Type: 'MessageParticipant',
          Parameters: { Text: say },
          Transitions: { NextAction: 'end', Errors: onError },
        },
        { Identifier: 'end', Type: 'DisconnectParticipant', Parameters: {}, Transitions: {} },
      ],
    }),
  );
}

/**
 * Publishes a 100-flow batch three times (all new, all changed, all unchanged) and returns the
 * Connect calls of each publish divided by the batch size.
 */
export async function measurePublishCalls(): Promise<PublishCallFigures> {
  const kit = makeDeps({ prodParent: false, approval: { prod: { required: false } } });
  const env = kit.deps.config.environments[ENV];
  if (env === undefined || env.target.kind !== 'connect') throw new Error(`no Connect environment ${ENV}`);
  const connect = fakeConnect(env.target.instanceArn);
  const instanceArn = env.target.instanceArn;
  /** Deps of one job: a new adapter, as a new process or worker invocation would build. */
  const job = (): ServiceDeps => {
    const center: ContactCenter = new ConnectContactCenter({
      client: connect.client,
      instanceArn,
      limiter: UNLIMITED,
    });
    return { ...kit.deps, centers: () => center };
  };
  const names = Array.from({ length: BATCH }, (_, i) => `Bench flow ${String(i).padStart(3, '0')}`);
  const publishCalls = async (say: string | null): Promise<number> => {
    if (say !== null) {
      const files = names.map((n) => ({ name: `${n}.json`, bytes: flowFile(n, `${say} ${n}.`) }));
      await importFlows(job(), { env: ENV, files, actor: users.alice, channel: 'cli' });
    }
    const ids: string[] = [];
    const deps = job();
    for (const n of names)
      ids.push((await requestPublish(deps, { env: ENV, flow: n, actor: users.alice })).id);
    const before = connect.calls();
    const outcome = await publishApproved(job(), { ids, actor: users.alice });
    if (!outcome.ok) throw new Error(`the bench publish failed:\n${outcome.summary}`);
    return (connect.calls() - before) / BATCH;
  };
  const created = await publishCalls('Welcome to');
  const updated = await publishCalls('Hello from');
  const unchanged = await publishCalls(null);
  return {
    connect_calls_per_changed_flow: Math.max(created, updated),
    connect_calls_per_unchanged_flow: unchanged,
    connect_calls_per_new_flow: created,
    connect_calls_per_updated_flow: updated,
  };
}
