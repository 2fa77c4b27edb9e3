import { z } from 'zod';
import type { SlackMessenger } from '../adapters/slack/SlackMessenger.js';
import { buildRequestDecided } from '../blocks/requestDecided.js';
import { buildRequestExpiredNotice } from '../blocks/requestExpired.js';
import { publishRequestViewOf, requestDecidedView } from '../blocks/views.js';
import type { ServiceDeps } from '../core/deps.js';
import { EXPIRY_SCHEDULE, expireRequests } from '../core/service/expireRequests.js';
import type { PublishRequest } from '../core/versions/types.js';
import { requestMessageOf } from './postedMessages.js';
import type { ReportLink } from './reportLinks.js';
import { refreshReports } from './reportRefresh.js';

/** The job kind of the scheduled expiry run (the EventBridge rule's input, `npm start`'s timer). */
export const EXPIRE_REQUESTS_JOB = 'expire-requests';

/**
 * The event the schedule delivers: exactly the rule's constant input (EventBridge passes a
 * target's `Input` as the whole event), so anything else was not sent by our rule.
 */
const scheduledEventSchema = z.strictObject({ kind: z.literal(EXPIRE_REQUESTS_JOB) });

/** A scheduled job the worker runs. */
export type ScheduledEvent = z.infer<typeof scheduledEventSchema>;

/** `event` as a scheduled job, or null when it is not one (the caller says so and drops it). */
export function safeParseScheduledEvent(event: unknown): ScheduledEvent | null {
  const parsed = scheduledEventSchema.safeParse(event);
  return parsed.success ? parsed.data : null;
}

/** What {@link expireDueRequests} works with. */
export interface ExpireDueRequestsOptions {
  readonly service: ServiceDeps;
  /** Updates each request's message and tells its requester; null where Slack is off. */
  readonly messenger: SlackMessenger | null;
  readonly log: (message: string, error?: unknown) => void;
  readonly reportLink?: ReportLink | null;
}

/**
 * One scheduled expiry run over every environment: each pending request past its expiry is
 * recorded as expired (audited and announced once, however runs overlap: the use case claims
 * each request), its Slack message loses its Approve/Reject buttons and says it expired, and its
 * requester is told in the message's thread. An environment that fails is logged and the others
 * still run; a Slack call that fails is logged, since the expiry itself stands.
 */
export async function expireDueRequests(options: ExpireDueRequestsOptions): Promise<PublishRequest[]> {
  const { service, log } = options;
  const expired: PublishRequest[] = [];
  for (const env of Object.keys(service.config.environments)) {
    try {
      expired.push(...(await expireRequests(service, { env, actor: EXPIRY_SCHEDULE })));
    } catch (error) {
      log(
        `expire-requests: publish requests of ${env} could not be expired; the next run tries again`,
        error,
      );
    }
  }
  if (options.messenger === null) return expired;
  for (const request of expired) {
    try {
      await tellExpired(options, options.messenger, request);
    } catch (error) {
      log(
        `expire-requests: request ${request.id} (${request.flowKey} v${request.version} in ${request.env}) expired, but its Slack message could not be updated`,
        error,
      );
    }
    // The import reports of the version offer Request publish again.
    await refreshReports({ ...options, messenger: options.messenger }, request.env, [request.flowKey]);
  }
  return expired;
}

/** Updates the request's message in place (decided, no buttons), then tells the requester in its thread. */
async function tellExpired(
  options: ExpireDueRequestsOptions,
  messenger: SlackMessenger,
  request: PublishRequest,
): Promise<void> {
  const { service } = options;
  // A request made from the CLI has no message; the environment's channel was told already.
  const posted = await requestMessageOf(service.files, request.id);
  if (posted === null) return;
  const head = await service.versions.getHead(request.env, request.flowKey);
  const reportUrl = options.reportLink?.(request.env, request.flowKey, request.version) ?? null;
  // No diff: the schedule is no viewer, and the expired message needs no change list to say so.
  const view = publishRequestViewOf(request, head, head?.published ?? null, null, reportUrl);
  await messenger.update(posted, buildRequestDecided(requestDecidedView(view, request, null)));
  await messenger.post(posted.channel, buildRequestExpiredNotice(view), posted.ts);
}
