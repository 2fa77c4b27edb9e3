import type { SlackJob } from '../../app/jobs.js';
import { buildRefusal } from '../../blocks/refusal.js';
import { processCommand } from './command.js';
import { processHome } from './home.js';
import { processImportFile } from './importFile.js';
import { processInteraction } from './interaction.js';
import { isRefusal } from './refusal.js';
import { tellUser } from './replies.js';
import { jobContext, type WorkerDeps } from './workerDeps.js';

/**
 * Does one job the Slack listeners queued: an upload to import, a `/flow` command, a click, an
 * App Home tab to show.
 * Refusals (the user lacks the role, approves their own request, clicks a decided request, a
 * stale or drifted request, an unknown flow…) are told to that user alone and end the job; the
 * shared message stays as it is. Anything else is thrown, so the queue retries the job and, after
 * the last attempt, `reportJobFailure` tells the user.
 */
export async function processSlackJob(job: SlackJob, deps: WorkerDeps): Promise<void> {
  const ctx = jobContext(deps, job);
  try {
    switch (job.kind) {
      case 'import-file':
        await processImportFile(jobContext(deps, job));
        return;
      case 'command':
        await processCommand(jobContext(deps, job));
        return;
      case 'interaction':
        await processInteraction(jobContext(deps, job));
        return;
      case 'home':
        await processHome(jobContext(deps, job));
        return;
    }
  } catch (error) {
    if (!isRefusal(error)) throw error;
    await tellUser(ctx, buildRefusal(error, job.user));
  }
}

export { reportJobFailure } from './reportJobFailure.js';
