import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
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
  /**
   * A folder where each job is written before `enqueue` returns and removed once it has run or
   * failed for good, so jobs a stopped or killed process never finished are found by
   * {@link InProcessJobQueue.recover} in the next one. Without it, queued jobs live in memory only.
   */
  readonly journalDir?: string;
}

const DEFAULT_ATTEMPTS = 3;
const DEFAULT_REMEMBERED_KEYS = 10_000;

/**
 * The `JobQueue` of the local default: each job runs in this process, after `enqueue` has
 * returned (never inside the caller's await, as with SQS). A job whose key was seen is dropped;
 * a failing job is retried with backoff and, after the last attempt, handed to `onFailure`, so
 * no job is lost without a word. `drain()` waits for everything queued (tests, shutdown). With a
 * `journalDir`, a job also outlives the process: `recover()` runs, on the next start, every job
 * that was accepted and never finished.
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
    // Journaled before the caller hears "queued" (a 202): from then on a restart finds it.
    await this.#journal(job);
    this.#start(job);
  }

  /**
   * Queues again every job the journal holds: those a previous process accepted and never
   * finished (it was stopped or killed), each after `prepare` (the host lets go of what the dead
   * run held). Returns them. Call once, before taking new work.
   */
  async recover(prepare: (job: Job) => Promise<void> = async () => {}): Promise<Job[]> {
    const dir = this.#options.journalDir;
    if (dir === undefined) return [];
    const names = await readdir(dir).catch((error: unknown) => {
      if (isErrno(error, 'ENOENT')) return [];
      throw error;
    });
    const jobs: Job[] = [];
    for (const name of names.filter((n) => n.endsWith(JOURNAL_SUFFIX)).sort()) {
      const job = parseJournaled(await readFile(join(dir, name), 'utf8'));
      if (job === null) {
        // Unreadable (a write cut short by a kill before its rename cannot leave one; a hand edit can).
        const log = this.#options.logError ?? defaultLogError;
        log(`flowgate: queued job ${join(dir, name)} is unreadable and was set aside`, null);
        await rename(join(dir, name), join(dir, `${name}.unreadable`));
        continue;
      }
      if (this.#seen.has(job.key)) continue;
      this.#remember(job.key);
      jobs.push(job);
      await prepare(job);
      this.#start(job);
    }
    return jobs;
  }

  /** Resolves once every queued job, and every job those enqueued, has finished or failed. */
  async drain(): Promise<void> {
    while (this.#running.size > 0) await Promise.allSettled([...this.#running]);
  }

  #start(job: Job): void {
    const run = new Promise<void>((resolve) => setImmediate(resolve)).then(() => this.#run(job));
    this.#running.add(run);
    void run.finally(() => this.#running.delete(run));
  }

  async #run(job: Job): Promise<void> {
    const sleep = this.#options.sleep ?? defaultSleep;
    const backoff = this.#options.backoffMs ?? defaultBackoff;
    const log = this.#options.logError ?? defaultLogError;
    let lastError: unknown;
    for (let attempt = 1; attempt <= this.#attempts; attempt += 1) {
      if (attempt > 1) await sleep(backoff(attempt - 1));
      try {
        await this.#options.handler(job);
        await this.#forget(job, log);
        return;
      } catch (error) {
        lastError = error;
      }
    }
    try {
      await this.#options.onFailure(job, lastError);
      await this.#forget(job, log);
    } catch (error) {
      // Kept in the journal: the next start tries it again, and may report it then.
      log(`flowgate: job ${job.kind} ${job.key} failed and its failure could not be reported`, error);
    }
  }

  async #journal(job: Job): Promise<void> {
    const dir = this.#options.journalDir;
    if (dir === undefined) return;
    await mkdir(dir, { recursive: true });
    const path = journalPath(dir, job);
    // Written aside and renamed: a kill mid-write leaves no half a job to recover.
    await writeFile(`${path}.tmp`, JSON.stringify(job));
    await rename(`${path}.tmp`, path);
  }

  async #forget(job: Job, log: (message: string, error: unknown) => void): Promise<void> {
    const dir = this.#options.journalDir;
    if (dir === undefined) return;
    try {
      await rm(journalPath(dir, job), { force: true });
    } catch (error) {
      // The job ran; left in the journal it runs again on the next start, which its handler skips.
      log(`flowgate: job ${job.kind} ${job.key} ran but could not be removed from ${dir}`, error);
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

const JOURNAL_SUFFIX = '.job.json';

/** One file per job key, named by its hash: keys hold characters file names cannot. */
function journalPath(dir: string, job: Job): string {
  return join(dir, `${createHash('sha256').update(job.key).digest('hex')}${JOURNAL_SUFFIX}`);
}

const journaledJob = z.object({
  kind: z.string().min(1),
  key: z.string().min(1),
  payload: z.record(z.string(), z.unknown()),
});

function parseJournaled(text: string): Job | null {
  try {
    const parsed = journaledJob.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

function isErrno(error: unknown, code: string): boolean {
  return error instanceof Error && (error as NodeJS.ErrnoException).code === code;
}
