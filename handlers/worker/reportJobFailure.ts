import type { SlackJob } from '../../app/jobs.js';
import { buildProblem } from '../../blocks/messages.js';
import { FlowgateError } from '../../core/errors.js';
import { tellUser } from './replies.js';
import { jobContext, type WorkerDeps } from './workerDeps.js';

/**
 * Tells the user a job failed for good (called after the queue's last attempt): an upload in the
 * channel where it was shared, so whoever shared it sees it; a command or a click to that user.
 * flowgate's own errors are written for people and shown; anything else is logged and named as
 * unexpected. A Home tab that could not be shown is only logged. If Slack cannot be told either, the failure is logged and thrown, so the queue keeps
 * the job (its dead-letter queue) rather than losing it silently.
 */
export async function reportJobFailure(job: SlackJob, error: unknown, deps: WorkerDeps): Promise<void> {
  deps.log(`Slack job ${job.kind} failed for good`, error);
  // The Home tab keeps what it showed; opening it again asks anew, so there is nobody to tell.
  if (job.kind === 'home') return;
  const message = buildProblem(
    `${whatFailed(job)} failed after several attempts: ${reasonOf(error)}`,
    hintOf(job),
  );
  try {
    if (job.kind === 'import-file') {
      await deps.messenger.post(job.channel, message, job.threadTs ?? undefined);
    } else {
      await tellUser(jobContext(deps, job), message);
    }
  } catch (reportError) {
    deps.log(`could not tell ${job.user} in ${job.channel} that a ${job.kind} job failed`, reportError);
    throw reportError;
  }
}

function whatFailed(job: SlackJob): string {
  switch (job.kind) {
    case 'import-file':
      return `Importing the shared file ${job.fileId}${job.env === null ? '' : ` into ${job.env}`}`;
    case 'command':
      return `\`/flow ${[job.sub, ...job.args].join(' ')}\``;
    case 'interaction':
      return 'Your click in the flowgate message';
    case 'home':
      return 'Showing your flowgate Home tab';
  }
}

function reasonOf(error: unknown): string {
  if (error instanceof FlowgateError) return error.message;
  return 'an unexpected error (the details are in the worker log for your flowgate admin)';
}

function hintOf(job: SlackJob): string {
  return job.kind === 'import-file'
    ? 'Share the file again in a few minutes; if it keeps failing, ask your flowgate admin.'
    : 'Try again in a few minutes; if it keeps failing, ask your flowgate admin.';
}
