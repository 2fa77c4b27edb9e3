import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { z } from 'zod';
import {
  FLOW_COMMANDS,
  findFlowCommand,
  flowCommandSyntax,
  QUEUED_FLOW_COMMANDS,
} from '../../app/flowCommands.js';
import { commandJob } from '../../app/jobs.js';
import type { Role } from '../../core/config.js';

/** How the usage names who may run a subcommand of each role. */
const ROLE_WORD: Readonly<Record<Role, string>> = {
  viewer: 'Viewers',
  editor: 'Editors',
  publisher: 'Publishers',
};

function queuedJob(sub: string): unknown {
  return {
    kind: 'command',
    user: 'U1',
    team: null,
    channel: 'C1',
    messageTs: null,
    threadTs: null,
    responseUrl: null,
    sub,
    args: [],
  };
}

describe('FLOW_COMMANDS', () => {
  it('defines each subcommand once', () => {
    const names = FLOW_COMMANDS.map((c) => c.name);
    expect(new Set(names).size).toBe(names.length);
  });

  it.each(FLOW_COMMANDS.map((c) => [c.name, c]))('gives %s a syntax that starts with its name', (_n, c) => {
    expect(c.syntax).toMatch(new RegExp(`^/flow ${c.name}(?: |$)`));
  });

  it.each(FLOW_COMMANDS.filter((c) => c.role !== null).map((c) => [c.name, c]))(
    'names the role %s needs in its description',
    (_n, c) => {
      if (c.role === null) throw new Error('filtered out above');
      expect(c.about).toContain(ROLE_WORD[c.role]);
    },
  );

  it('lists the subcommands in the Slack app manifest usage hint, in order', () => {
    const manifest = z
      .object({
        features: z.object({
          slash_commands: z.array(z.object({ command: z.string(), usage_hint: z.string() })),
        }),
      })
      .parse(parse(readFileSync(join(import.meta.dirname, '..', '..', 'slack', 'manifest.yml'), 'utf8')));
    const flow = manifest.features.slash_commands.find((c) => c.command === '/flow');

    expect(flow?.usage_hint).toBe(FLOW_COMMANDS.map((c) => c.name).join(' | '));
  });
});

describe('QUEUED_FLOW_COMMANDS', () => {
  it('holds the subcommands the worker answers, in definition order', () => {
    expect(QUEUED_FLOW_COMMANDS).toEqual(
      FLOW_COMMANDS.filter((c) => c.answeredBy === 'worker').map((c) => c.name),
    );
  });

  it.each(QUEUED_FLOW_COMMANDS.map((n) => [n]))('lets the job schema carry %s', (name) => {
    expect(commandJob.safeParse(queuedJob(name)).success).toBe(true);
  });

  it.each(FLOW_COMMANDS.filter((c) => c.answeredBy === 'listener').map((c) => [c.name]))(
    'keeps %s, which the listener answers, out of the job schema',
    (name) => {
      expect(commandJob.safeParse(queuedJob(name)).success).toBe(false);
    },
  );
});

describe('findFlowCommand', () => {
  it('finds a subcommand by its name', () => {
    expect(findFlowCommand('rollback')?.role).toBe('editor');
  });

  it('finds nothing when the word names no subcommand', () => {
    expect(findFlowCommand('publsh')).toBeUndefined();
  });
});

describe('flowCommandSyntax', () => {
  it('gives the syntax the usage shows', () => {
    expect(flowCommandSyntax('diff')).toBe('/flow diff <flow> <from> <to> [--env <env>]');
  });
});
