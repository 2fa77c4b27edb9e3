import type { InputBlock } from '@slack/types';
import { describe, expect, it } from 'vitest';
import {
  ACTION_IDS,
  decodeModalMetadata,
  IMPORT_MODAL_BLOCKS,
  IMPORT_MODAL_CALLBACK_ID,
} from '../../blocks/actionIds.js';
import { buildImportModal } from '../../blocks/importModal.js';
import { checkModal } from './slackLimits.js';

function inputs(envs: string[]): InputBlock[] {
  return buildImportModal(envs).blocks.filter((b): b is InputBlock => b.type === 'input');
}

describe('buildImportModal', () => {
  it('holds a file input and an environment select under the agreed ids', () => {
    const [files, env] = inputs(['test', 'prod']);
    expect([files?.block_id, files?.element.type, files?.element.action_id]).toEqual([
      IMPORT_MODAL_BLOCKS.files,
      'file_input',
      ACTION_IDS.importFiles,
    ]);
    expect([env?.block_id, env?.element.type, env?.element.action_id]).toEqual([
      IMPORT_MODAL_BLOCKS.environment,
      'static_select',
      ACTION_IDS.importEnvironment,
    ]);
  });

  it('pre-selects the environment when there is only one', () => {
    const [, env] = inputs(['prod']);
    expect(env?.element.type === 'static_select' ? env.element.initial_option?.value : null).toBe('prod');
  });

  it('remembers the channel in its metadata and names its callback', () => {
    const modal = buildImportModal(['prod'], { channel: 'C0123' });
    expect(modal.callback_id).toBe(IMPORT_MODAL_CALLBACK_ID);
    expect(decodeModalMetadata(modal.private_metadata)).toEqual({ channel: 'C0123' });
    expect(modal.submit?.text).toBe('Import');
  });

  it('lists 100 environments and says so when there are more', () => {
    const envs = Array.from({ length: 130 }, (_, i) => `tenant-${i}`);
    const modal = buildImportModal(envs);
    expect(JSON.stringify(modal.blocks)).toContain('Only the first 100 of 130 environments are listed.');
    expect(checkModal(modal)).toEqual([]);
  });
});
