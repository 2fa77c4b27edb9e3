/**
 * The worker's handler module: what runs the jobs on the queue, whoever hosts it (the worker
 * Lambda over SQS, `npm start` in process). Two kinds of job share the queue: Slack work
 * (imports, `/flow` commands, clicks) and large CI webhook imports accepted with a 202. A third,
 * `expire-requests`, comes from the schedule (EventBridge in AWS, a timer in `npm start`), not the queue.
 */
import type { Backend } from '../../app/compose/backend.js';
import { serviceDeps } from '../../app/compose/backend.js';
import type { SlackSide } from '../../app/compose/slack.js';
import { expireDueRequests, safeParseScheduledEvent } from '../../app/expireDueRequests.js';
import type { FlowPicture } from '../../app/flowPicture.js';
import { importNoticesElsewhere } from '../../app/importNotices.js';
import { type JobRun, runJobOnce } from '../../app/jobOnce.js';
import { parseSlackJob, type SlackJob } from '../../app/jobs.js';
import type { ReportLink } from '../../app/reportLinks.js';
import { WEBHOOK_IMPORT_JOB, webhookJobHandlers } from '../../app/webhookImport.js';
import type { Job, Notifier } from '../../core/ports.js';
import type { PublishRequest } from '../../core/versions/types.js';
import { processSlackJob, reportJobFailure } from './processJob.js';
import type { WorkerDeps } from './workerDeps.js';

/** What the worker runs on. */
export interface WorkerOptions {
  readonly backend: Backend;
  /**
   * The bot's Slack adapters; null where Slack is off (`npm start` without a Slack app): only
   * webhook jobs run then, and a Slack job a previous run left behind fails into the log.
   */
  readonly slack: SlackSide | null;
  /**
   * Tells an environment's channel what happened (imports, requests, publishes); null where
   * nobody is told beyond the messages the jobs post themselves.
   */
  readonly notifier: Notifier | null;
  readonly log: (message: string, error?: unknown) => void;
  /** Links each version's HTML report, where the deployment serves reports. */
  readonly reportLink?: ReportLink | null;
  /** Draws flows for the report's thread, where the runtime can (resvg is native: injected). */
  readonly picture?: FlowPicture;
}

/** Runs queued jobs. */
export interface Worker {
  /**
   * Runs a job at most once to completion however often the queue delivers it; throws when the
   * job failed, so the queue retries it.
   */
  run(job: Job): Promise<JobRun>;
  /** After a job's last attempt: the user (Slack) or the status URL (webhook) learns it failed. */
  reportFailure(job: Job, error: unknown): Promise<void>;
  /**
   * The scheduled `expire-requests` job: expires what is past its expiry in every environment,
   * updates each request's message and tells its requester. Overlapping runs expire each once.
   */
  expireRequests(): Promise<PublishRequest[]>;
}

/** The worker on `options`: each job gets fresh contact centers (a target's inventory is read once per job). */
export function createWorker(options: WorkerOptions): Worker {
  const reportLink = options.reportLink ?? null;
  const service = () => serviceDeps(options.backend, options.notifier);
  // A Slack job's import report is posted where the job came from: no second notice there.
  const depsOfJob = (slack: SlackSide, job: SlackJob): WorkerDeps => ({
    service: serviceDeps(
      options.backend,
      importNoticesElsewhere(options.notifier, options.backend.config, job.channel),
    ),
    messenger: slack.messenger,
    files: slack.fileSource,
    log: options.log,
    ...(reportLink === null ? {} : { reportLink }),
    ...(options.picture === undefined ? {} : { picture: options.picture }),
  });
  const slackOff = (job: Job) =>
    new Error(
      `a Slack job (${job.kind}) cannot run with Slack off: set SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET and restart`,
    );
  return {
    run: (job) => {
      const deps = service();
      return runJobOnce(deps.claims, deps.clock, job, async () => {
        if (job.kind === WEBHOOK_IMPORT_JOB)
          return webhookJobHandlers(deps, { reportLink, log: options.log }).handler(job);
        if (options.slack === null) throw slackOff(job);
        const slackJob = parseSlackJob(job.payload);
        return processSlackJob(slackJob, depsOfJob(options.slack, slackJob));
      });
    },
    reportFailure: async (job, error) => {
      if (job.kind === WEBHOOK_IMPORT_JOB) return webhookJobHandlers(service()).onFailure(job, error);
      // With Slack off nobody can be told in Slack: the log is where the person running it looks.
      if (options.slack === null) return options.log(`flowgate: ${slackOff(job).message}`, error);
      const slackJob = parseSlackJob(job.payload);
      return reportJobFailure(slackJob, error, depsOfJob(options.slack, slackJob));
    },
    // With Slack off requests still expire; there is only no message to update.
    expireRequests: () =>
      expireDueRequests({
        service: service(),
        messenger: options.slack?.messenger ?? null,
        log: options.log,
        reportLink,
      }),
  };
}

/**
 * Runs a scheduled event (the `expire-requests` job). Anything else is refused with one log line
 * saying what came and where to fix it, and is not thrown: the scheduler would only deliver the
 * same malformed event again (a crash loop), and nothing can run from it.
 */
export async function runScheduledEvent(
  worker: Worker,
  event: unknown,
  log: (message: string, error?: unknown) => void,
): Promise<'ran' | 'refused'> {
  const scheduled = safeParseScheduledEvent(event);
  if (scheduled === null) {
    log(refusedEvent(event));
    return 'refused';
  }
  const expired = await worker.expireRequests();
  if (expired.length > 0)
    log(`${scheduled.kind}: expired ${expired.length} request(s): ${expired.map((r) => r.id).join(', ')}`);
  return 'ran';
}

/** The log line for an event that is neither an SQS batch nor the schedule's: what came, and where to fix it. */
function refusedEvent(event: unknown): string {
  const keys =
    typeof event === 'object' && event !== null ? Object.keys(event).join(', ') || 'none' : typeof event;
  return `worker: refused an event that is neither an SQS batch nor {"kind":"expire-requests"} (its keys: ${keys}); nothing ran. Check the input of the worker's schedule event in serverless.yml.`;
}
