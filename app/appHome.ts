import { HOME_LISTED } from '../blocks/appHome.js';
import type { AppHomeView, HomeEnvironmentView, HomeRequestView } from '../blocks/types.js';
import { roleOf } from '../core/access.js';
import type { Actor } from '../core/config.js';
import type { ServiceDeps } from '../core/deps.js';
import { parseFlowKey } from '../core/versions/flowKey.js';
import type { AuditEvent, PublishRequest } from '../core/versions/types.js';

/** How far back App Home looks for publishes. */
export const HOME_RECENT_DAYS = 30;
/** How many publishes App Home shows per environment. */
export const HOME_PUBLISHES_PER_ENVIRONMENT = 5;

/** The link to a request's message in Slack, or null when it has none (asked outside Slack). */
export type RequestLink = (request: PublishRequest) => Promise<string | null>;

/**
 * What `reader`'s App Home shows, read for them now: in every environment the requests still
 * waiting (those another person asked go to a publisher's "Waiting on you", oldest first; their
 * own to "Your requests") and the publishes of the last {@link HOME_RECENT_DAYS} days from the
 * audit log. A reader with no role is shown nothing of it. Reads only open requests and a month or
 * two of audit per environment, so it costs the same however long the history.
 */
export async function appHomeView(
  service: ServiceDeps,
  reader: Actor,
  linkOf: RequestLink,
): Promise<AppHomeView> {
  const role = roleOf(service.config, reader);
  const base = { reader: reader.id, role, recentDays: HOME_RECENT_DAYS };
  if (role === null) return { ...base, waiting: [], mine: [], environments: [] };
  const envs = Object.keys(service.config.environments);
  const pending = (await Promise.all(envs.map((env) => service.requests.listPendingRequests(env))))
    .flat()
    .sort((a, b) => a.requestedAt.localeCompare(b.requestedAt));
  const theirs = role === 'publisher' ? pending.filter((r) => r.requester !== reader.id) : [];
  const mine = pending.filter((r) => r.requester === reader.id);
  const since = new Date(service.clock.now().getTime() - HOME_RECENT_DAYS * 86_400_000).toISOString();
  return {
    ...base,
    waiting: await requestViews(theirs, linkOf),
    mine: await requestViews(mine, linkOf),
    environments: await Promise.all(envs.map((env) => environmentView(service, env, since))),
  };
}

/** The requests as listed; only those the tab shows are linked (a Slack call each). */
function requestViews(requests: readonly PublishRequest[], linkOf: RequestLink): Promise<HomeRequestView[]> {
  const unlinked: RequestLink = async () => null;
  return Promise.all(requests.map((r, i) => requestView(r, i < HOME_LISTED ? linkOf : unlinked)));
}

async function requestView(request: PublishRequest, linkOf: RequestLink): Promise<HomeRequestView> {
  return {
    requestId: request.id,
    env: request.env,
    name: flowName(request.flowKey),
    version: request.version,
    requester: request.requester,
    requestedAt: request.requestedAt,
    expiresAt: request.expiresAt,
    link: await linkOf(request),
  };
}

async function environmentView(
  service: ServiceDeps,
  env: string,
  since: string,
): Promise<HomeEnvironmentView> {
  const events = await service.audit.listAudit(env, since);
  const publishes = events
    .filter((e): e is AuditEvent & { flowKey: string } => e.action === 'publish' && e.flowKey !== null)
    .slice(0, HOME_PUBLISHES_PER_ENVIRONMENT)
    .map((e) => ({
      name: flowName(e.flowKey),
      version: typeof e.detail.version === 'number' ? e.detail.version : null,
      actor: e.actor,
      at: e.at,
    }));
  return { env, publishes };
}

/** A flow key's name (`flow:Main IVR` → `Main IVR`): people read names, never keys. */
function flowName(flowKey: string): string {
  return parseFlowKey(flowKey)?.name ?? flowKey;
}
