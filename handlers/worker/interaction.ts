import type { InteractionJob } from '../../app/jobs.js';
import { ACTION_IDS, type ActionId, isActionId } from '../../blocks/actionIds.js';
import { chooseEnvironment } from './interactions/chooseEnvironment.js';
import { approve, reject } from './interactions/decideRequest.js';
import { discardImport } from './interactions/discardImport.js';
import { pickReplacement } from './interactions/pickReplacement.js';
import { requestPublishing, rollBack } from './interactions/publishButtons.js';
import { showDiff } from './interactions/showDiff.js';
import { WorkerRefusal } from './refusal.js';
import type { JobContext } from './workerDeps.js';

type Handle = (ctx: JobContext<InteractionJob>) => Promise<void>;

/** Each action id's handler; the import modal's inputs and link buttons never need one. */
const HANDLERS: Readonly<Record<ActionId, Handle | null>> = {
  [ACTION_IDS.pickReplacement]: pickReplacement,
  [ACTION_IDS.requestPublish]: requestPublishing,
  [ACTION_IDS.showDiff]: showDiff,
  [ACTION_IDS.discardImport]: discardImport,
  [ACTION_IDS.approve]: approve,
  [ACTION_IDS.reject]: reject,
  [ACTION_IDS.rollback]: rollBack,
  [ACTION_IDS.chooseEnvironment]: chooseEnvironment,
  [ACTION_IDS.importFiles]: null,
  [ACTION_IDS.importEnvironment]: null,
  // Opening the report is the browser's job; the click needs no work.
  [ACTION_IDS.viewReport]: null,
  // App Home's link to a request message: Slack opens it.
  [ACTION_IDS.openRequest]: null,
};

/** A button clicked or an option chosen in one of flowgate's messages (numbered copies included). */
export async function processInteraction(ctx: JobContext<InteractionJob>): Promise<void> {
  const base = ctx.job.actionId.replace(/:\d+$/, '');
  const handle = isActionId(base) ? HANDLERS[base] : null;
  if (handle === null) {
    ctx.deps.log(`interaction ${ctx.job.actionId} has no handler`);
    throw new WorkerRefusal('flowgate does not know that button or menu; use the latest message.');
  }
  await handle(ctx);
}
