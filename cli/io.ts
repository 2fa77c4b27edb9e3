/** Where the CLI writes, and whether it may use colour. Tests pass their own. */
export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** Colour only on a terminal, never when NO_COLOR is set; FORCE_COLOR forces it. */
  readonly color: boolean;
  readonly cwd: string;
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
