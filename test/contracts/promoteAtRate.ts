/**
 * A promote between two Amazon Connect instances at Connect's rate, through the real use cases:
 * `promoteFlows` (which pulls from the source first) opened by one person, then `approveRequest`
 * by a second, whose publish engine creates the flows in the target. Both environments are
 * `ConnectContactCenter`s over the throttled fake Connect, in one account and Region: one quota
 * in front of both instances and one `RateLimiters` in the process, on a simulated clock, so
 * minutes of pacing take moments. Shared by `bench/promote.ts` (300 flows) and the test that holds
 * the rate bound in `npm test` (test/contracts/promoteAtRate.test.ts).
 */
import { ConnectContactCenter } from '../../adapters/connect/ConnectContactCenter.js';
import { RateLimiters } from '../../adapters/connect/rateLimiter.js';
import type { ApprovalPolicy, EnvironmentConfig, FlowgateConfig } from '../../core/config.js';
import type { ServiceDeps } from '../../core/deps.js';
import type { ContactCenter } from '../../core/ports.js';
import type { CatalogResource } from '../../core/resolve/types.js';
import { approveRequest } from '../../core/service/approveRequest.js';
import { promoteFlows } from '../../core/service/promoteFlows.js';
import { flowContent, moduleContent } from '../core/service/liveFlows.js';
import { counterIds, FixedClock } from '../fakes/fixedClock.js';
import { MemoryFileStore } from '../fakes/memoryFileStore.js';
import { memoryStores } from '../fakes/memoryStores.js';
import { users } from '../fakes/serviceKit.js';
import { SimulatedClock } from '../fakes/simulatedClock.js';
import { FakeConnectApi, type FakeConnectFlow } from './fakeConnectApi.js';
import { ConnectQuota, ThrottledConnectApi } from './throttledConnectApi.js';

/** Options of {@link promoteAtRate}. */
export interface PromoteAtRateOptions {
  /** Flows and modules in the source, all promoted. */
  readonly flows: number;
  /** How many of `flows` are modules (each flow invokes one). */
  readonly modules: number;
}

/** What a promote at Connect's rate did, as the quota in front of both instances saw it. */
export interface PromoteAtRateRun {
  /** Requests Connect answered, both instances, every API. */
  readonly calls: number;
  /** Answered requests per API. */
  readonly callsByApi: ReadonlyMap<string, number>;
  /** Requests Connect refused for throttling (each attempt counts). */
  readonly throttled: number;
  /** Simulated seconds the promote and the approval took. */
  readonly seconds: number;
  /** Flows and modules the target holds afterwards, by name (the source's names). */
  readonly created: readonly string[];
  /** Why the run stopped, when it did not complete (a request that failed for good, a refusal). */
  readonly failure: string | null;
}

/** Connect's default rate (requests a second per account and Region). */
export const CONNECT_RATE = 2;

const ACCOUNT = '444455556666';
const SOURCE = `arn:aws:connect:us-west-2:${ACCOUNT}:instance/0b6f3a9e-1c2d-4e5f-8a9b-000000000001`;
const TARGET = `arn:aws:connect:us-west-2:${ACCOUNT}:instance/5e2d7c1b-9a4f-4f3e-8b6d-000000000002`;

/**
 * Seeds the source with `flows` published flows and modules that use a queue and a Lambda function
 * both instances have by name, promotes them all to the empty target as `alice`, and has `bob`
 * approve the batch, which publishes it. Each use case runs as its own job (its own adapters, as
 * the worker gives each job), over one quota and one rate limiter.
 */
export async function promoteAtRate(options: PromoteAtRateOptions): Promise<PromoteAtRateRun> {
  const clock = new SimulatedClock();
  const quota = new ConnectQuota({ now: clock.now });
  const source = new FakeConnectApi({
    instanceArn: SOURCE,
    resources: sharedResources(SOURCE, 'a41d7e0b-2c6f-4b8a-9d1e-5f3a7c9b0d12'),
    flows: sourceFlows(options),
    pageSize: 1000,
  });
  const target = new FakeConnectApi({
    instanceArn: TARGET,
    resources: sharedResources(TARGET, '99999999-8888-4777-8666-555544443333'),
    pageSize: 1000,
  });
  const apis = {
    test: new ThrottledConnectApi({ api: source, quota }),
    prod: new ThrottledConnectApi({ api: target, quota }),
  };
  const limiters = new RateLimiters({ now: clock.now, sleep: clock.sleep });
  const base = baseDeps();
  // A job's contact centers: built afresh for each job, their inventories kept for that job only.
  const job = (): ServiceDeps => {
    const centers = new Map<string, ContactCenter>();
    return {
      ...base,
      centers: (env) => {
        const api = env === 'test' ? apis.test : env === 'prod' ? apis.prod : undefined;
        if (api === undefined) throw new Error(`no contact center for '${env}'`);
        const built =
          centers.get(env) ??
          new ConnectContactCenter({
            client: api.client,
            instanceArn: api.api.instanceArn,
            limiter: limiters.limiterFor(api.api.instanceArn, 'us-west-2'),
          });
        centers.set(env, built);
        return built;
      },
    };
  };
  const failure = await promoteAndApprove(job);
  // Read past the quota (the fake's own client): counting the check would change the figures.
  const after = await new ConnectContactCenter({
    client: target.client,
    instanceArn: TARGET,
    limiter: { acquire: async () => {} },
  }).flowInventory();
  return {
    calls: quota.totalCalls,
    callsByApi: quota.calls,
    throttled: quota.throttled,
    seconds: clock.now() / 1000,
    created: after.resources.filter((r) => r.kind === 'flow' || r.kind === 'module').map((r) => r.name),
    failure,
  };
}

/** Promote as alice, approve as bob; what stopped it, or null. */
async function promoteAndApprove(job: () => ServiceDeps): Promise<string | null> {
  try {
    const promoted = await promoteFlows(job(), {
      from: 'test',
      to: 'prod',
      flows: [],
      all: true,
      actor: users.alice,
    });
    if (promoted.request === null)
      return `promote opened no request: ${promoted.refused ?? 'nothing changed'}`;
    const approved = await approveRequest(job(), { id: promoted.request.lead.id, actor: users.bob });
    if (approved.outcome?.ok !== true) return `publishing failed: ${JSON.stringify(approved.outcome)}`;
    return null;
  } catch (error) {
    return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  }
}

/** The stores, clock and config every job shares (the contact centers are the job's own). */
function baseDeps(): Omit<ServiceDeps, 'centers'> {
  const clock = new FixedClock();
  return {
    ...memoryStores(clock),
    files: new MemoryFileStore(),
    clock,
    newId: counterIds(),
    config: pairConfig(),
    notifier: null,
  };
}

function pairConfig(): FlowgateConfig {
  const approval = (required: boolean): ApprovalPolicy => ({
    required,
    allowSelfApproval: !required,
    expiresAfterHours: 24,
    autoPublish: !required,
    associate: false,
  });
  const env = (name: string, instanceArn: string, required: boolean): EnvironmentConfig => ({
    name,
    target: { kind: 'connect', instanceArn, region: 'us-west-2' },
    parent: null,
    channels: [],
    approval: approval(required),
  });
  return {
    environments: { test: env('test', SOURCE, false), prod: env('prod', TARGET, true) },
    roles: { viewers: [], editors: ['alice'], publishers: ['bob'] },
  };
}

/** A `Sales` queue (the instance's own id) and the account's `lookup` Lambda function. */
function sharedResources(instanceArn: string, queueId: string): CatalogResource[] {
  return [
    { kind: 'queue', id: queueId, arn: `${instanceArn}/queue/${queueId}`, name: 'Sales' },
    {
      kind: 'lambda',
      id: 'lookup',
      arn: `arn:aws:lambda:us-west-2:${ACCOUNT}:function:lookup`,
      name: 'lookup',
    },
  ];
}

/** Modules that invoke the Lambda function, then flows that set the queue and invoke a module each. */
function sourceFlows({ flows, modules }: PromoteAtRateOptions): FakeConnectFlow[] {
  const id = (i: number) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
  const queueArn = `${SOURCE}/queue/a41d7e0b-2c6f-4b8a-9d1e-5f3a7c9b0d12`;
  return Array.from({ length: flows }, (_, i): FakeConnectFlow => {
    if (i < modules) {
      return {
        kind: 'module',
        id: id(i),
        name: `Module ${i}`,
        type: null,
        content: moduleContent(`arn:aws:lambda:us-west-2:${ACCOUNT}:function:lookup`),
        status: 'PUBLISHED',
      };
    }
    const moduleArn = `${SOURCE}/flow-module/${id(i % modules)}`;
    return {
      kind: 'flow',
      id: id(i),
      name: `Flow ${i}`,
      type: 'CONTACT_FLOW',
      content: flowContent(queueArn, 'SELECT QUEUE', moduleArn),
      status: 'PUBLISHED',
    };
  });
}
