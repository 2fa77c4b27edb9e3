import { describe, expect, it } from 'vitest';
import { FLOW_COMMANDS } from '../../app/flowCommands.js';
import { buildUsage } from '../../blocks/usage.js';
import { checkMessage } from './slackLimits.js';
import { allText } from './views.js';

// The real definitions: the text users see is what these tests pin.
const SUBCOMMANDS = FLOW_COMMANDS.map((c) => c.name);

describe('buildUsage', () => {
  it('lists every subcommand when no topic is given', () => {
    const text = allText(buildUsage(FLOW_COMMANDS).blocks);
    for (const sub of SUBCOMMANDS) expect(text).toContain(`/flow ${sub}`);
  });

  it('describes every defined subcommand when no topic is given', () => {
    const text = allText(buildUsage(FLOW_COMMANDS).blocks);
    for (const { about } of FLOW_COMMANDS) expect(text).toContain(about);
  });

  it('names every defined subcommand, in order, in the fallback text when no topic is given', () => {
    expect(buildUsage(FLOW_COMMANDS).text).toBe(
      'Usage: /flow import | plan | versions | diff | export | publish | rollback | pull | promote | status | map | help',
    );
  });

  it.each(SUBCOMMANDS.map((s) => [s]))('shows the syntax of %s when asked about it', (sub) => {
    const message = buildUsage(FLOW_COMMANDS, sub);
    expect(message.text.startsWith(`/flow ${sub}`)).toBe(true);
    expect(checkMessage(message)).toEqual([]);
  });

  it.each(FLOW_COMMANDS.map((c) => [c.name, c]))(
    'shows the defined syntax and description of %s when asked about it',
    (_name, { name, syntax, about }) => {
      expect(buildUsage(FLOW_COMMANDS, name).text).toBe(`${syntax}: ${about}`);
    },
  );

  it('names an unknown subcommand before the usage', () => {
    const message = buildUsage(FLOW_COMMANDS, 'publsh');
    expect(message.text).toMatch(/^'publsh' is not a \/flow subcommand\. Usage:/);
    expect(allText(message.blocks.slice(0, 1))).toContain('`publsh` is not a `/flow` subcommand');
  });

  it('stays within limits when the unknown text is 5,000 characters', () => {
    expect(checkMessage(buildUsage(FLOW_COMMANDS, 'ü'.repeat(5000)))).toEqual([]);
  });
});
