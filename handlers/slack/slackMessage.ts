import type { ModalView } from '@slack/types';
import { FLOW_COMMANDS } from '../../app/flowCommands.js';
import { ACTION_IDS, IMPORT_MODAL_BLOCKS, IMPORT_MODAL_CALLBACK_ID } from '../../blocks/actionIds.js';
import { buildError } from '../../blocks/error.js';
import { buildImportModal } from '../../blocks/importModal.js';
import type { SlackMessage } from '../../blocks/limits.js';
import { buildWorking } from '../../blocks/messages.js';
import { buildUsage } from '../../blocks/usage.js';

/** The import modal's ids, as the listener reads its submission. */
export const IMPORT_MODAL = {
  callbackId: IMPORT_MODAL_CALLBACK_ID,
  fileBlock: IMPORT_MODAL_BLOCKS.files,
  fileAction: ACTION_IDS.importFiles,
  envBlock: IMPORT_MODAL_BLOCKS.environment,
  envAction: ACTION_IDS.importEnvironment,
} as const;

/** The few messages listeners answer with directly (everything else is the worker's). */
export const slackMessage = {
  /** `/flow help [topic]`, or the usage after a subcommand that is not one. */
  usage(topic: string | null, unknown: string | null): SlackMessage {
    return buildUsage(FLOW_COMMANDS, unknown ?? topic ?? undefined);
  },
  error(message: string): SlackMessage {
    return buildError(message);
  },
  working(what: string): SlackMessage {
    return buildWorking(what);
  },
  importModal(envs: readonly string[], channel: string): ModalView {
    return buildImportModal(envs, { channel });
  },
};
