import { zipSync } from 'fflate';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { processSlackJob } from '../../../../handlers/worker/processJob.js';
import type { WorkerDeps } from '../../../../handlers/worker/workerDeps.js';
import { makeDeps, type ServiceKit } from '../../../fakes/serviceKit.js';
import { loadFixtureText } from '../../../fixtures.js';
import { type FakeSlackApi, startFakeSlackApi } from '../../../integration/fakeSlackApi.js';
import {
  allText,
  button,
  buttons,
  CHANNELS,
  clickJob,
  importJob,
  onlyTopLevel,
  TOKEN,
  workerDeps,
} from '../workerKit.js';

/** Show diff and Discard, the import report's other buttons. */
describe('processSlackJob (report buttons)', () => {
  let fake: FakeSlackApi;
  let kit: ServiceKit;
  let deps: WorkerDeps;

  beforeAll(async () => {
    fake = await startFakeSlackApi({ tokens: [TOKEN] });
  });
  afterAll(async () => {
    await fake.stop();
  });
  beforeEach(() => {
    fake.reset();
    kit = makeDeps();
    deps = workerDeps(fake, kit);
  });

  async function share(text: string | Uint8Array, name: string): Promise<void> {
    const id = fake.registerFile(text, { name, mimetype: 'application/json' }).id;
    await processSlackJob(importJob(id, 'prod'), deps);
  }

  it('posts the diff in the report thread when Diff is clicked', async () => {
    const billing = loadFixtureText('worker/billing-line.json');
    await share(billing, 'billing-line.json');
    await share(billing.replace('You reached billing.', 'Billing, how can we help?'), 'billing-line.json');
    const second = fake.messages().filter((m) => m.threadTs === null)[1];
    if (second === undefined) throw new Error('no second report');

    await processSlackJob(clickJob(second, button(second, 'flowgate.show_diff'), 'victor'), deps);

    const diff = fake.messages().find((m) => m.threadTs === second.ts);
    expect(diff?.text).toBe('Billing line in prod, v1 → v2: 1 block changed.');
  });

  it('replaces the report with a note that keeps the version when Discard is clicked', async () => {
    await share(loadFixtureText('worker/billing-line.json'), 'billing-line.json');
    const report = onlyTopLevel(fake, CHANNELS.prod);

    await processSlackJob(clickJob(report, button(report, 'flowgate.discard_import'), 'alice'), deps);

    const now = fake.message(report.channel, report.ts);
    expect(now?.text).toBe(
      'Discarded: Billing line v1 will not be offered for publishing to prod from this message.',
    );
    expect(buttons(now ?? report, 'flowgate.')).toEqual([]);
    expect(await kit.store.getVersion('prod', 'flow:Billing line', 1)).not.toBeNull();
  });

  it('keeps the other flows of a zip in the report when one is discarded', async () => {
    const encode = (fixture: string) => new TextEncoder().encode(loadFixtureText(fixture));
    await share(
      zipSync({
        'billing-line.json': encode('worker/billing-line.json'),
        'support-line.json': encode('worker/support-line.json'),
      }),
      'flows.zip',
    );
    const report = onlyTopLevel(fake, CHANNELS.prod);
    const discard = buttons(report, 'flowgate.discard_import').find((b) => b.value.includes('Billing line'));

    await processSlackJob(clickJob(report, discard ?? { actionId: '', value: '' }, 'alice'), deps);

    const now = fake.message(report.channel, report.ts);
    expect(allText(now ?? report)).toContain('Support line');
    expect(allText(now ?? report)).not.toContain('Billing line');
  });
});
