import { describe, expect, it } from 'vitest';
import { ACTION_IDS, actionIdPattern, decodeActionValue } from '../../blocks/actionIds.js';
import { buildEnvironmentPicker } from '../../blocks/environmentPicker.js';
import { checkMessage } from './slackLimits.js';
import { allText, buttonsOf } from './views.js';

describe('buildEnvironmentPicker', () => {
  it('offers one button per environment carrying the environment and file id', () => {
    const message = buildEnvironmentPicker({
      fileId: 'F0ABC',
      fileName: 'main.json',
      environments: ['test', 'prod'],
    });
    const buttons = buttonsOf(message.blocks);
    expect(buttons.map((b) => b.text.text)).toEqual(['test', 'prod']);
    expect(decodeActionValue(ACTION_IDS.chooseEnvironment, buttons[1]?.value)).toEqual({
      env: 'prod',
      file: 'F0ABC',
    });
    expect(buttons.every((b) => actionIdPattern(ACTION_IDS.chooseEnvironment).test(b.action_id ?? ''))).toBe(
      true,
    );
  });

  it('spreads buttons over actions blocks when there are more than 25 environments', () => {
    const environments = Array.from({ length: 60 }, (_, i) => `tenant-${i}`);
    const message = buildEnvironmentPicker({ fileId: 'F0ABC', fileName: 'main.json', environments });
    expect(buttonsOf(message.blocks)).toHaveLength(60);
    expect(checkMessage(message)).toEqual([]);
  });

  it('says nothing was imported when no environment is configured', () => {
    const message = buildEnvironmentPicker({ fileId: 'F0ABC', fileName: 'main.json', environments: [] });
    expect(allText(message.blocks)).toContain('no environment configured');
    expect(buttonsOf(message.blocks)).toEqual([]);
  });
});
