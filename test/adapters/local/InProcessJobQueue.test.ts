import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  InProcessJobQueue,
  type InProcessJobQueueOptions,
} from '../../../adapters/local/InProcessJobQueue.js';
import type { Job } from '../../../core/ports.js';

function job(key: string): Job {
  return { kind: 'import-file', key, payload: { fileId: key } };
}

/** A queue whose waits return at once and are recorded, with its handled jobs and failures. */
function harness(
  handler: (job: Job, attempt: number) => Promise<void>,
  overrides: Partial<InProcessJobQueueOptions> = {},
) {
  const handled: string[] = [];
  const failures: [string, unknown][] = [];
  const sleeps: number[] = [];
  const attempts = new Map<string, number>();
  const queue = new InProcessJobQueue({
    handler: async (queued) => {
      const attempt = (attempts.get(queued.key) ?? 0) + 1;
      attempts.set(queued.key, attempt);
      handled.push(`${queued.key}#${attempt}`);
      await handler(queued, attempt);
    },
    onFailure: (queued, error) => {
      failures.push([queued.key, error]);
    },
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    ...overrides,
  });
  return { queue, handled, failures, sleeps };
}

describe('InProcessJobQueue', () => {
  it('has not run the job yet when enqueue returns', async () => {
    const { queue, handled } = harness(async () => {});

    await queue.enqueue(job('a'));

    expect(handled).toEqual([]);
  });

  it('runs every enqueued job when drained', async () => {
    const { queue, handled } = harness(async () => {});

    await queue.enqueue(job('a'));
    await queue.enqueue(job('b'));
    await queue.drain();

    expect(handled.sort()).toEqual(['a#1', 'b#1']);
  });

  it('drops a job when its key was already enqueued', async () => {
    const { queue, handled } = harness(async () => {});

    await queue.enqueue(job('a'));
    await queue.enqueue(job('a'));
    await queue.drain();

    expect(handled).toEqual(['a#1']);
  });

  it('retries a failing job with growing backoff until it succeeds', async () => {
    const { queue, handled, failures, sleeps } = harness(async (_job, attempt) => {
      if (attempt < 3) throw new Error('Connect throttled');
    });

    await queue.enqueue(job('a'));
    await queue.drain();

    expect([handled, failures, sleeps]).toEqual([['a#1', 'a#2', 'a#3'], [], [250, 500]]);
  });

  it('reports the last error to onFailure when every attempt fails', async () => {
    const { queue, handled, failures } = harness(async (_job, attempt) => {
      throw new Error(`failure ${attempt}`);
    });

    await queue.enqueue(job('a'));
    await queue.drain();

    expect([handled, failures]).toEqual([['a#1', 'a#2', 'a#3'], [['a', new Error('failure 3')]]]);
  });

  it('logs instead of losing the failure when onFailure itself throws', async () => {
    const logged: string[] = [];
    const { queue } = harness(
      async () => {
        throw new Error('boom');
      },
      {
        onFailure: () => {
          throw new Error('Slack is down');
        },
        logError: (message) => {
          logged.push(message);
        },
      },
    );

    await queue.enqueue(job('a'));
    await queue.drain();

    expect(logged).toEqual(['flowgate: job import-file a failed and its failure could not be reported']);
  });

  it('waits for jobs enqueued by a running job when drained', async () => {
    const { queue, handled } = harness(async (running) => {
      if (running.key === 'parent') await queue.enqueue(job('child'));
    });

    await queue.enqueue(job('parent'));
    await queue.drain();

    expect(handled).toEqual(['parent#1', 'child#1']);
  });

  it('runs a key again once it has been forgotten', async () => {
    const { queue, handled } = harness(async () => {}, { rememberKeys: 1 });

    await queue.enqueue(job('a'));
    await queue.enqueue(job('b'));
    await queue.enqueue(job('a'));
    await queue.drain();

    expect(handled.sort()).toEqual(['a#1', 'a#2', 'b#1']);
  });

  describe('with a journal', () => {
    const folders: string[] = [];
    afterEach(async () => {
      for (const folder of folders.splice(0)) await rm(folder, { recursive: true, force: true });
    });
    const journal = async () => {
      const dir = await mkdtemp(join(tmpdir(), 'flowgate-journal-'));
      folders.push(dir);
      return dir;
    };

    it('runs on recover the jobs a queue on the same folder accepted and never ran', async () => {
      const journalDir = await journal();
      const stopped = harness(() => new Promise(() => {}), { journalDir });
      await stopped.queue.enqueue(job('a'));
      await stopped.queue.enqueue(job('b'));
      const next = harness(async () => {}, { journalDir });

      const recovered = await next.queue.recover();
      await next.queue.drain();

      expect([recovered.map((j) => j.key).sort(), next.handled.sort()]).toEqual([
        ['a', 'b'],
        ['a#1', 'b#1'],
      ]);
      expect(await readdir(journalDir)).toEqual([]);
    });

    it('recovers nothing once a job has run, or failed and been reported', async () => {
      const journalDir = await journal();
      const first = harness(
        async (running) => {
          if (running.key === 'bad') throw new Error('boom');
        },
        { journalDir },
      );
      await first.queue.enqueue(job('good'));
      await first.queue.enqueue(job('bad'));
      await first.queue.drain();

      expect(await harness(async () => {}, { journalDir }).queue.recover()).toEqual([]);
    });

    it('sets an unreadable journal entry aside and recovers the rest', async () => {
      const journalDir = await journal();
      await harness(() => new Promise(() => {}), { journalDir }).queue.enqueue(job('a'));
      await writeFile(join(journalDir, 'broken.job.json'), '{"kind":');
      const logged: string[] = [];

      const recovered = await harness(async () => {}, {
        journalDir,
        logError: (message) => logged.push(message),
      }).queue.recover();

      expect(recovered.map((j) => j.key)).toEqual(['a']);
      expect(logged).toEqual([expect.stringContaining('broken.job.json is unreadable')]);
    });
  });
});
