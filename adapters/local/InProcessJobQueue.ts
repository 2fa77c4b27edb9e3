import type { Job, JobQueue } from '../../core/ports.js';

/** What `InProcessJobQueue` needs. */
export interface InProcessJobQueueOptions {
  /** Does the job (the worker's job handler). A rejection is a failed attempt. */
  readonly handler: (job: Job) => Promise<void>;
  /** Called once a job has failed every attempt, with the last error: the worker tells the user. */
  readonly onFailure: (job: Job, error: unknown) => Promise<void> | void;
  /** Tries per job, the first included; default 3. */
  readonly attempts?: number;
  /** The wait before retry `attempt` (1 for the first retry); default 250 ms doubling. */
  readonly backoffMs?: (attempt: number) => number;
  /** Waits; tests pass one that returns at once. */
  readonly sleep?: (ms: number) => Promise<void>;
  /** Keys remembered for deduplication (the oldest are forgotten first); default 10,000. */
  readonly rememberKeys?: number;
  /** Where a failing `onFailure` is reported, as nothing else could report it; default `console.error`. */
  readonly logError?: (message: string, error: unknown) => void;
}

const DEFAULT_ATTEMPTS = 3;
const DEFAULT_REMEMBERED_KEYS = 10_000;

/**
 * The `JobQueue` of the local default: each job runs in this process, after `enqueue` has
 * returned (never inside the caller's await, as with SQS). A job whose key was seen is dropped;
 * a failing job is retried with backoff and, after the last attempt, handed to `onFailure`, so
 * no job is lost without a word. `drain()` waits for everything queued (tests, shutdown).
 */
export class InProcessJobQueue implements JobQueue {
  readonly #options: InProcessJobQueueOptions;
  readonly #attempts: number;
  readonly #seen = new Set<string>();
  readonly #running = new Set<Promise<void>>();

  constructor(options: InProcessJobQueueOptions) {
    this.#options = options;
    this.#attempts = Math.max(1, options.attempts ?? DEFAULT_ATTEMPTS);
  }

  async enqueue(job: Job): Promise<void> {
    if (this.#seen.has(job.key)) return;
    this.#remember(job.key);
    const run = new Promise<void>((resolve) => setImmediate(resolve)).then(() => this.#run(job));
    this.#running.add(run);
    void run.finally(() => this.#running.delete(run));
  }

  /** Resolves once every queued job, and every job those enqueued, has finished or failed. */
  async drain(): Promise<void> {
    while (this.#running.size > 0) await Promise.allSettled([...this.#running]);
  }

  async #run(job: Job): Promise<void> {
    const sleep = this.#options.sleep ?? defaultSleep;
    const backoff = this.#options.backoffMs ?? defaultBackoff;
    let lastError: unknown;
    for (let attempt = 1; attempt <= this.#attempts; attempt += 1) {
      if (attempt > 1) await sleep(backoff(attempt - 1));
      try {
        await this.#options.handler(job);
        return;
      } catch (error) {
        lastError = error;
      }
    }
    try {
      await this.#options.onFailure(job, lastError);
    } catch (error) {
      const log = this.#options.logError ?? defaultLogError;
      log(`flowgate: job ${job.kind} ${job.key} failed and its failure could not be reported`, error);
    }
  }

  #remember(key: string): void {
    this.#seen.add(key);
    const limit = this.#options.rememberKeys ?? DEFAULT_REMEMBERED_KEYS;
    // A Set iterates in insertion order: the first key is the oldest.
    for (const oldest of this.#seen) {
      if (this.#seen.size <= limit) break;
      this.#seen.delete(oldest);
    }
  }
}

function defaultSleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function defaultBackoff(attempt: number): number {
  return 250 * 2 ** (attempt - 1);
}

function defaultLogError(message: string, error: unknown): void {
  console.error(message, error);
}
