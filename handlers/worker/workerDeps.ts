import type { SlackFileSource } from '../../adapters/slack/SlackFileSource.js';
import type { SlackMessageRef, SlackMessenger } from '../../adapters/slack/SlackMessenger.js';
import { SlackApiError } from '../../adapters/slack/slackErrors.js';
import type { FlowPicture } from '../../app/flowPicture.js';
import type { SlackJob } from '../../app/jobs.js';
import type { ReportLink } from '../../app/reportLinks.js';
import { refreshReports } from '../../app/reportRefresh.js';
import { configuredGroups } from '../../core/access.js';
import type { Actor } from '../../core/config.js';
import type { ServiceDeps } from '../../core/deps.js';

/** What the worker runs on: the use cases' ports, the bot's Slack calls and a log. */
export interface WorkerDeps {
  readonly service: ServiceDeps;
  readonly messenger: SlackMessenger;
  readonly files: SlackFileSource;
  readonly log: (message: string, error?: unknown) => void;
  /** An expiring link to a version's HTML report, where the deployment serves reports. */
  readonly reportLink?: ReportLink;
  /**
   * A version as a PNG for the report's thread, where the runtime can render one (resvg is a
   * native module: injected, so a bundle that cannot carry it still builds).
   */
  readonly picture?: FlowPicture;
}

/** One job being worked on: its deps and the acting Slack user, looked up once. */
export interface JobContext<J extends SlackJob = SlackJob> {
  readonly deps: WorkerDeps;
  readonly job: J;
  /** The Slack user as an `Actor`, with the configured user groups they belong to. */
  actor(): Promise<Actor>;
}

/** Rebuilds the import reports of `flowKeys` after a state change was stored (failures are logged). */
export function refreshReportsOf(
  ctx: JobContext,
  env: string,
  flowKeys: readonly string[],
  except: SlackMessageRef | null = null,
): Promise<void> {
  const { service, messenger, reportLink, log } = ctx.deps;
  return refreshReports({ service, messenger, reportLink: reportLink ?? null, log }, env, flowKeys, except);
}

/** A context for `job`; the user's groups are fetched on first use and kept for the job. */
export function jobContext<J extends SlackJob>(deps: WorkerDeps, job: J): JobContext<J> {
  let actor: Promise<Actor> | null = null;
  return {
    deps,
    job,
    actor: () => {
      actor ??= actorOf(deps, job.user);
      return actor;
    },
  };
}

/**
 * The user with the user groups (`S…` entries of the roles) they belong to. A group Slack will
 * not list (no such group, a plan without user groups) counts as not theirs and is logged; a
 * rate limit or an unreachable Slack is thrown, so the job is retried rather than refused.
 */
async function actorOf(deps: WorkerDeps, user: string): Promise<Actor> {
  const groups: string[] = [];
  for (const group of configuredGroups(deps.service.config)) {
    try {
      const members = await deps.messenger.usergroupMembers(group);
      if (members.includes(user)) groups.push(group);
    } catch (error) {
      if (!isPermanentSlackRefusal(error)) throw error;
      deps.log(`user group ${group} could not be listed; treated as not containing ${user}`, error);
    }
  }
  return { id: user, groups };
}

function isPermanentSlackRefusal(error: unknown): boolean {
  if (!(error instanceof SlackApiError) || error.retryAfterSeconds !== null) return false;
  return !error.slackError.startsWith('http_') && error.slackError !== 'request_failed';
}
