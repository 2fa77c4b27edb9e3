import type { CliIo } from '../../cli/io.js';
import { main } from '../../cli/main.js';

/** A CLI's terminal as tests read it: what it printed to each stream. */
export interface Captured {
  readonly io: CliIo;
  readonly out: () => string;
  readonly err: () => string;
}

/** A terminal (colour off unless asked) in `cwd` that keeps what the command prints. */
export function captureIo(cwd: string, color = false): Captured {
  let out = '';
  let err = '';
  return {
    io: {
      stdout: (t) => {
        out += t;
      },
      stderr: (t) => {
        err += t;
      },
      color,
      cwd,
    },
    out: () => out,
    err: () => err,
  };
}

/** Runs `flowgate <argv>` in `cwd` as the command line would, with what it printed. */
export async function flowgate(
  cwd: string,
  ...argv: string[]
): Promise<{ code: number; out: string; err: string }> {
  const captured = captureIo(cwd);
  const code = await main(argv, captured.io);
  return { code, out: captured.out(), err: captured.err() };
}
