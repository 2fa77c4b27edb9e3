import { type Diagnostic, hasErrors } from '../core/diagnostics.js';
import type { FlowFormat } from '../core/flow.js';
import type { ProgressStream } from './progress.js';

/** Where the CLI writes, and whether it may use colour. Tests pass their own. */
export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** Colour only on a terminal, never when NO_COLOR is set; FORCE_COLOR forces it. */
  readonly color: boolean;
  readonly cwd: string;
  /**
   * Stderr itself, for progress on long work (`progress.ts`): drawn only where it is a terminal,
   * never through `stderr` above, which escapes the control characters a redraw needs.
   */
  readonly terminal?: ProgressStream;
}

/** The real process streams. */
export function processIo(): CliIo {
  const env = process.env;
  const forced = env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0';
  const color =
    forced || (process.stdout.isTTY === true && env.NO_COLOR === undefined && env.TERM !== 'dumb');
  return {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    color,
    cwd: process.cwd(),
    // A dumb terminal cannot erase a line: it gets no progress rather than a pile of them.
    ...(env.TERM === 'dumb' ? {} : { terminal: process.stderr }),
  };
}

/** A usage mistake: the CLI prints the message and the command's usage, and exits 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** Input that cannot be read at all (a missing path, an empty folder): exit 2. */
export class UnreadableInputError extends Error {
  readonly path: string;
  constructor(path: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'UnreadableInputError';
    this.path = path;
  }
}

/** Exit codes are a contract: CI scripts branch on them. */
export const EXIT = { ok: 0, findings: 1, usage: 2 } as const;

/** What {@link exitForFlows} looks at of each file read. */
export interface ReadOutcome {
  /** Null when the file could not be read as any kind of flow file. */
  readonly format: FlowFormat | null;
  readonly diagnostics: readonly Diagnostic[];
}

/**
 * The exit code of a run over flow files, as the README's "The command" promises: `2` when a file
 * cannot be read at all (empty, truncated, not UTF-8 or UTF-16, over the size limit, not JSON: no
 * format recognised), else `1` when any has an error, else `0`. The report is printed either way.
 */
export function exitForFlows(flows: readonly ReadOutcome[]): number {
  if (flows.some((f) => f.format === null)) return EXIT.usage;
  return flows.some((f) => hasErrors(f.diagnostics)) ? EXIT.findings : EXIT.ok;
}
