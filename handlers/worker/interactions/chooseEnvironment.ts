import type { InteractionJob } from '../../../app/jobs.js';
import { ACTION_IDS, decodeActionValue } from '../../../blocks/actionIds.js';
import { importSharedFile } from '../importFile.js';
import type { JobContext } from '../workerDeps.js';
import { clickedEnvironmentPicker } from './message.js';

/**
 * An environment chosen for a file shared in an unbound channel: import it, the report replacing
 * the question (only the question flowgate asked about that file).
 */
export async function chooseEnvironment(ctx: JobContext<InteractionJob>): Promise<void> {
  const { env, file } = decodeActionValue(ACTION_IDS.chooseEnvironment, ctx.job.value);
  const question = await clickedEnvironmentPicker(ctx, file);
  await importSharedFile(ctx, { env, fileId: file, replace: question });
}
