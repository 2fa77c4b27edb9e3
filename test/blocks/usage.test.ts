import { describe, expect, it } from 'vitest';
import { checkMessage } from '../../blocks/limits.js';
import { buildUsage, SUBCOMMANDS } from '../../blocks/usage.js';
import { allText } from './views.js';

describe('buildUsage', () => {
  it('lists every subcommand when no topic is given', () => {
    const text = allText(buildUsage().blocks);
    for (const sub of SUBCOMMANDS) expect(text).toContain(`/flow ${sub}`);
  });

  it.each(SUBCOMMANDS.map((s) => [s]))('shows the syntax of %s when asked about it', (sub) => {
    const message = buildUsage(sub);
    expect(message.text.startsWith(`/flow ${sub}`)).toBe(true);
    expect(checkMessage(message)).toEqual([]);
  });

  it('names an unknown subcommand before the usage', () => {
    const message = buildUsage('publsh');
    expect(message.text).toMatch(/^'publsh' is not a \/flow subcommand\. Usage:/);
    expect(allText(message.blocks.slice(0, 1))).toContain('`publsh` is not a `/flow` subcommand');
  });

  it('stays within limits when the unknown text is 5,000 characters', () => {
    expect(checkMessage(buildUsage('ü'.repeat(5000)))).toEqual([]);
  });
});
