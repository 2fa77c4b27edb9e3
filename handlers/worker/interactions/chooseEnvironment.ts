import type { InteractionJob } from '../../../app/jobs.js';
import { ACTION_IDS, decodeActionValue } from '../../../blocks/actionIds.js';
import { importSharedFile } from '../importFile.js';
import type { JobContext } from '../workerDeps.js';
import { messageOf } from './message.js';

/** An environment chosen for a file shared in an unbound channel: import it, the report replacing the question. */
export async function chooseEnvironment(ctx: JobContext<InteractionJob>): Promise<void> {
  const { env, file } = decodeActionValue(ACTION_IDS.chooseEnvironment, ctx.job.value);
  await importSharedFile(ctx, { env, fileId: file, replace: messageOf(ctx.job) });
}
