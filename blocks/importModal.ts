import type { ModalView } from '@slack/types';
import {
  ACTION_IDS,
  encodeModalMetadata,
  IMPORT_MODAL_BLOCKS,
  IMPORT_MODAL_CALLBACK_ID,
} from './actionIds.js';
import { context, fitModal, option, plain, SLACK_LIMITS } from './limits.js';

/** Options of {@link buildImportModal}. */
export interface ImportModalOptions {
  /** The channel `/flow import` was run in: the report is posted there. */
  readonly channel?: string;
}

/** Files the modal accepts at once (Slack allows 1–10). */
const MAX_FILES = 10;

/**
 * The `/flow import` modal: a file input (flow JSON or a zip of flows) and the environment to
 * import into (pre-selected when there is only one). The submission is read from
 * `view.state.values[IMPORT_MODAL_BLOCKS.files][ACTION_IDS.importFiles]` and
 * `[IMPORT_MODAL_BLOCKS.environment][ACTION_IDS.importEnvironment]`; the environment option's
 * value is the environment name.
 */
export function buildImportModal(envs: readonly string[], options: ImportModalOptions = {}): ModalView {
  const envOptions = envs
    .slice(0, SLACK_LIMITS.staticSelectOptions)
    .map((env) => option(env, env.slice(0, SLACK_LIMITS.optionValue)));
  const [only] = envOptions;
  const select = {
    type: 'static_select' as const,
    action_id: ACTION_IDS.importEnvironment,
    placeholder: plain('Choose an environment', SLACK_LIMITS.placeholder),
    options: envOptions,
    ...(envOptions.length === 1 && only !== undefined ? { initial_option: only } : {}),
  };
  const view: ModalView = {
    type: 'modal',
    callback_id: IMPORT_MODAL_CALLBACK_ID,
    title: plain('Import flows', SLACK_LIMITS.modalTitle),
    submit: plain('Import', SLACK_LIMITS.modalButton),
    close: plain('Cancel', SLACK_LIMITS.modalButton),
    private_metadata: encodeModalMetadata(options.channel === undefined ? {} : { channel: options.channel }),
    blocks: [
      {
        type: 'input',
        block_id: IMPORT_MODAL_BLOCKS.files,
        label: plain('Flow files', SLACK_LIMITS.inputLabel),
        hint: plain('Exported flow JSON files, or one zip of them.', SLACK_LIMITS.inputHint),
        element: {
          type: 'file_input',
          action_id: ACTION_IDS.importFiles,
          filetypes: ['json', 'zip'],
          max_files: MAX_FILES,
        },
      },
      {
        type: 'input',
        block_id: IMPORT_MODAL_BLOCKS.environment,
        label: plain('Environment', SLACK_LIMITS.inputLabel),
        element: select,
      },
      context('The report is posted in this channel; nothing is published until someone approves it.'),
    ],
  };
  if (envOptions.length < envs.length) {
    view.blocks.push(
      context(`Only the first ${envOptions.length} of ${envs.length} environments are listed.`),
    );
  }
  return fitModal(view);
}
