/**
 * Progress on long work (importing or reading hundreds of files), drawn on one terminal line and
 * cleared at the end: "Importing 120/300 …". Only on a terminal: never when stderr is piped or
 * captured, and commands never ask for it with `--json`, so no script ever reads it.
 */

/** Where progress is drawn: stderr, as a terminal. Tests pass a stand-in. */
export interface ProgressStream {
  readonly isTTY?: boolean;
  /** The terminal's width: the line is cut to it, so it never wraps (a wrapped line cannot be redrawn). */
  readonly columns?: number;
  write(text: string): unknown;
}

/** A progress line. */
export interface Progress {
  /** `done` of `total` finished; redraws the line (at most every `intervalMs`). */
  update(done: number, total: number): void;
  /** Clears the line; call before printing anything else, and at the end. */
  end(): void;
}

/** When and how often to draw. */
export interface ProgressOptions {
  /** Nothing is drawn before this many ms: work that ends sooner shows no progress at all. Default 200. */
  readonly delayMs?: number;
  /** At most one redraw per this many ms. Default 50. */
  readonly intervalMs?: number;
  readonly now?: () => number;
}

/** Progress that shows nothing: not a terminal, or `--json`. */
export const NO_PROGRESS: Progress = Object.freeze({ update: () => {}, end: () => {} });

// Carriage return, then erase to the end of the line (ECMA-48 EL).
const CLEAR = '\r\u001b[K';

/**
 * A progress line labelled `label` on `stream` when it is a terminal, else {@link NO_PROGRESS}.
 * The label is flowgate's own words, never a value from a file.
 */
export function progressLine(
  stream: ProgressStream | undefined,
  label: string,
  options: ProgressOptions = {},
): Progress {
  if (stream === undefined || stream.isTTY !== true) return NO_PROGRESS;
  const { delayMs = 200, intervalMs = 50, now = Date.now } = options;
  const started = now();
  let drawnAt: number | null = null;
  return {
    update(done, total) {
      const at = now();
      if (at - started < delayMs) return;
      if (drawnAt !== null && at - drawnAt < intervalMs && done < total) return;
      drawnAt = at;
      stream.write(`${CLEAR}${cutToWidth(`${label} ${done}/${total} …`, stream.columns)}`);
    },
    end() {
      if (drawnAt === null) return;
      drawnAt = null;
      stream.write(CLEAR);
    },
  };
}

function cutToWidth(text: string, columns: number | undefined): string {
  // One column short of the edge: some terminals wrap as soon as the last column is written.
  return columns === undefined || columns < 2 || text.length < columns ? text : text.slice(0, columns - 1);
}
