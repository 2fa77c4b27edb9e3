import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { processSlackJob } from '../../../../handlers/worker/processJob.js';
import type { WorkerDeps } from '../../../../handlers/worker/workerDeps.js';
import { makeDeps, type ServiceKit } from '../../../fakes/serviceKit.js';
import {
  type FakeSlackApi,
  type FakeSlackMessage,
  startFakeSlackApi,
} from '../../../integration/fakeSlackApi.js';
import {
  CHANNELS,
  ephemeralTo,
  importJob,
  onlyTopLevel,
  pickers,
  pickJob,
  shareFixture,
  TOKEN,
  workerDeps,
} from '../workerKit.js';

describe('processSlackJob (pick a replacement)', () => {
  let fake: FakeSlackApi;
  let kit: ServiceKit;
  let deps: WorkerDeps;
  let report: FakeSlackMessage;

  beforeAll(async () => {
    fake = await startFakeSlackApi({ tokens: [TOKEN] });
  });
  afterAll(async () => {
    await fake.stop();
  });
  beforeEach(async () => {
    fake.reset();
    kit = makeDeps();
    deps = workerDeps(fake, kit);
    await processSlackJob(importJob(shareFixture(fake, 'worker/support-line.json'), 'prod'), deps);
    report = onlyTopLevel(fake, CHANNELS.prod);
  });

  /** The picker's option for the queue `name`. */
  function choose(message: FakeSlackMessage, name: string) {
    const [picker] = pickers(message);
    const option = picker?.options.find((o) => o.text === name);
    if (picker === undefined || option === undefined) throw new Error(`no option ${name}`);
    return { picker, value: option.value };
  }

  it('updates the same report message with the reference resolved when a replacement is chosen', async () => {
    const { picker, value } = choose(report, 'Billing');

    await processSlackJob(pickJob(report, picker, value, 'alice'), deps);

    const updated = fake.message(report.channel, report.ts);
    expect(updated?.text).toBe(
      "Ready to publish: 'Support line' imported into prod. 1 flow · 0 errors · 0 warnings · 1 reference resolved · 0 to choose",
    );
    expect({
      updates: updated?.updates,
      pickers: pickers(updated ?? report),
      posted: fake.messages().length,
    }).toEqual({
      updates: 1,
      pickers: [],
      posted: 1,
    });
  });

  it('remembers the choice for the environment and stores a re-targeted version when a replacement is chosen', async () => {
    const { picker, value } = choose(report, 'Billing');

    await processSlackJob(pickJob(report, picker, value, 'alice'), deps);

    const [mapping] = await kit.store.listMappings('prod');
    const v2 = await kit.store.getVersion('prod', 'flow:Support line', 2);
    expect(mapping).toMatchObject({
      kind: 'queue',
      chosenBy: 'alice',
      target: expect.stringContaining('537e3d26'),
    });
    expect(v2?.content).toContain('queue/537e3d26-3043-48f5-b44e-79fb143289d2');
  });

  it('refuses privately and leaves the message when the choice comes from an out-of-date report', async () => {
    const { picker, value } = choose(report, 'Billing');
    await processSlackJob(pickJob(report, picker, value, 'alice'), deps);

    await processSlackJob(pickJob(report, picker, choose(report, 'Sales').value, 'alice'), deps);

    expect(ephemeralTo(fake, 'alice').join('\n')).toContain(
      'This report shows Support line v1, but prod has v2 now',
    );
    expect(fake.message(report.channel, report.ts)?.updates).toBe(1);
  });

  it('refuses a viewer privately and remembers nothing when a viewer chooses', async () => {
    const { picker, value } = choose(report, 'Billing');

    await processSlackJob(pickJob(report, picker, value, 'victor'), deps);

    expect(ephemeralTo(fake, 'victor').join('\n')).toContain('needs the editor role');
    expect(await kit.store.listMappings('prod')).toEqual([]);
  });

  it('says the choice cannot be placed when the job does not carry the picker block id', async () => {
    const { picker, value } = choose(report, 'Billing');
    const withoutBlock = { ...pickJob(report, picker, value, 'alice'), blockId: null };

    await processSlackJob(withoutBlock, deps);

    expect(ephemeralTo(fake, 'alice')).toHaveLength(1);
    expect(await kit.store.listMappings('prod')).toEqual([]);
  });
});
