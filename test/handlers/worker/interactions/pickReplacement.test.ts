import { beforeEach, describe, expect, it } from 'vitest';
import { processSlackJob } from '../../../../handlers/worker/processJob.js';
import type { FakeSlackMessage } from '../../../integration/fakeSlackApi.js';
import {
  CHANNELS,
  ephemeralTo,
  importJob,
  onlyTopLevel,
  pickers,
  pickJob,
  shareFixture,
  workerSuite,
} from '../workerKit.js';

describe('processSlackJob (pick a replacement)', () => {
  const t = workerSuite();
  let report: FakeSlackMessage;

  beforeEach(async () => {
    await processSlackJob(importJob(shareFixture(t.fake, 'worker/support-line.json'), 'prod'), t.deps);
    report = onlyTopLevel(t.fake, CHANNELS.prod);
  });

  /** The picker's option for the queue `name`. */
  function choose(message: FakeSlackMessage, name: string) {
    const [picker] = pickers(message);
    const option = picker?.options.find((o) => o.text === name);
    if (picker === undefined || option === undefined) throw new Error(`no option ${name}`);
    return { picker, value: option.value };
  }

  it('reads as one choice to make, not an error, when the only problem is a required queue missing in prod', async () => {
    const [outcome, counts] = report.blocks.slice(0, 2).map((b) => JSON.stringify(b));

    expect(report.text).toBe(
      "Needs 1 choice: pick replacements before publishing 'Support line' to prod. 1 flow · 0 errors · 0 warnings · 0 references resolved · 1 to choose",
    );
    expect(outcome).toContain('Needs 1 choice');
    expect(counts).toContain('0 errors');
    expect(JSON.stringify(report.blocks)).not.toMatch(/Blocked by|1 error\b/);
  });

  it('turns from one choice to make into ready to publish when the replacement is picked', async () => {
    const { picker, value } = choose(report, 'Billing');

    await processSlackJob(pickJob(report, picker, value, 'alice'), t.deps);

    const updated = t.fake.message(report.channel, report.ts);
    expect([report.text.split(':')[0], updated?.text.split(':')[0]]).toEqual([
      'Needs 1 choice',
      'Ready to publish',
    ]);
  });

  it('updates the same report message with the reference resolved when a replacement is chosen', async () => {
    const { picker, value } = choose(report, 'Billing');

    await processSlackJob(pickJob(report, picker, value, 'alice'), t.deps);

    const updated = t.fake.message(report.channel, report.ts);
    expect(updated?.text).toBe(
      "Ready to publish: 'Support line' imported into prod. 1 flow · 0 errors · 0 warnings · 1 reference resolved · 0 to choose",
    );
    expect({
      updates: updated?.updates,
      pickers: pickers(updated ?? report),
      posted: t.fake.messages().length,
    }).toEqual({
      updates: 1,
      pickers: [],
      posted: 1,
    });
  });

  it('remembers the choice for the environment and stores a re-targeted version when a replacement is chosen', async () => {
    const { picker, value } = choose(report, 'Billing');

    await processSlackJob(pickJob(report, picker, value, 'alice'), t.deps);

    const [mapping] = await t.kit.mappings.listMappings('prod');
    const v2 = await t.kit.versions.getVersion('prod', 'flow:Support line', 2);
    expect(mapping).toMatchObject({
      kind: 'queue',
      chosenBy: 'alice',
      target: expect.stringContaining('537e3d26'),
    });
    expect(v2?.content).toContain('queue/537e3d26-3043-48f5-b44e-79fb143289d2');
  });

  it('refuses privately and leaves the message when the choice comes from an out-of-date report', async () => {
    const { picker, value } = choose(report, 'Billing');
    await processSlackJob(pickJob(report, picker, value, 'alice'), t.deps);

    await processSlackJob(pickJob(report, picker, choose(report, 'Sales').value, 'alice'), t.deps);

    expect(ephemeralTo(t.fake, 'alice').join('\n')).toContain(
      'This report shows Support line v1, but prod has v2 now',
    );
    expect(t.fake.message(report.channel, report.ts)?.updates).toBe(1);
  });

  it('refuses privately, remembers nothing and changes no message when the click names a message that is not the report', async () => {
    const { picker, value } = choose(report, 'Billing');
    const other = await t.deps.messenger.post(CHANNELS.prod, { text: 'someone else’s message', blocks: [] });
    const forged = { ...pickJob(report, picker, value, 'alice'), messageTs: other.ts };

    await processSlackJob(forged, t.deps);

    expect(ephemeralTo(t.fake, 'alice').join('\n')).toContain('not on the import report flowgate posted');
    expect(await t.kit.mappings.listMappings('prod')).toEqual([]);
    expect(t.fake.calls('chat.update')).toHaveLength(0);
  });

  it('refuses a viewer privately and remembers nothing when a viewer chooses', async () => {
    const { picker, value } = choose(report, 'Billing');

    await processSlackJob(pickJob(report, picker, value, 'victor'), t.deps);

    expect(ephemeralTo(t.fake, 'victor').join('\n')).toContain('needs the editor role');
    expect(await t.kit.mappings.listMappings('prod')).toEqual([]);
  });

  it('says the choice cannot be placed when the job does not carry the picker block id', async () => {
    const { picker, value } = choose(report, 'Billing');
    const withoutBlock = { ...pickJob(report, picker, value, 'alice'), blockId: null };

    await processSlackJob(withoutBlock, t.deps);

    expect(ephemeralTo(t.fake, 'alice')).toHaveLength(1);
    expect(await t.kit.mappings.listMappings('prod')).toEqual([]);
  });
});
