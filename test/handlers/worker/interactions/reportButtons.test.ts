import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { processSlackJob } from '../../../../handlers/worker/processJob.js';
import { loadFixtureText } from '../../../fixtures.js';
import {
  allText,
  button,
  buttons,
  CHANNELS,
  clickJob,
  importJob,
  onlyTopLevel,
  workerSuite,
} from '../workerKit.js';

/** Show diff and Discard, the import report's other buttons. */
describe('processSlackJob (report buttons)', () => {
  const t = workerSuite();

  async function share(text: string | Uint8Array, name: string): Promise<void> {
    const id = t.fake.registerFile(text, { name, mimetype: 'application/json' }).id;
    await processSlackJob(importJob(id, 'prod'), t.deps);
  }

  it('posts the diff in the report thread when Diff is clicked', async () => {
    const billing = loadFixtureText('worker/billing-line.json');
    await share(billing, 'billing-line.json');
    await share(billing.replace('You reached billing.', 'Billing, how can we help?'), 'billing-line.json');
    const second = t.fake.messages().filter((m) => m.threadTs === null)[1];
    if (second === undefined) throw new Error('no second report');

    await processSlackJob(clickJob(second, button(second, 'flowgate.show_diff'), 'victor'), t.deps);

    const diff = t.fake.messages().find((m) => m.threadTs === second.ts);
    expect(diff?.text).toBe('Billing line in prod, v1 → v2: 1 block changed.');
  });

  it('replaces the report with a note that keeps the version when Discard is clicked', async () => {
    await share(loadFixtureText('worker/billing-line.json'), 'billing-line.json');
    const report = onlyTopLevel(t.fake, CHANNELS.prod);

    await processSlackJob(clickJob(report, button(report, 'flowgate.discard_import'), 'alice'), t.deps);

    const now = t.fake.message(report.channel, report.ts);
    expect(now?.text).toBe(
      'Discarded: Billing line v1 will not be offered for publishing to prod from this message.',
    );
    expect(buttons(now ?? report, 'flowgate.')).toEqual([]);
    expect(await t.kit.versions.getVersion('prod', 'flow:Billing line', 1)).not.toBeNull();
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
    const report = onlyTopLevel(t.fake, CHANNELS.prod);
    const discard = buttons(report, 'flowgate.discard_import').find((b) => b.value.includes('Billing line'));

    await processSlackJob(clickJob(report, discard ?? { actionId: '', value: '' }, 'alice'), t.deps);

    const now = t.fake.message(report.channel, report.ts);
    expect(allText(now ?? report)).toContain('Support line');
    expect(allText(now ?? report)).not.toContain('Billing line');
  });

  it('says in the thread, with a mention, who discarded one flow of a zip', async () => {
    const encode = (fixture: string) => new TextEncoder().encode(loadFixtureText(fixture));
    await share(
      zipSync({
        'billing-line.json': encode('worker/billing-line.json'),
        'support-line.json': encode('worker/support-line.json'),
      }),
      'flows.zip',
    );
    const report = onlyTopLevel(t.fake, CHANNELS.prod);
    const discard = buttons(report, 'flowgate.discard_import').find((b) => b.value.includes('Billing line'));

    await processSlackJob(clickJob(report, discard ?? { actionId: '', value: '' }, 'U0ALICE'), {
      ...t.deps,
      service: {
        ...t.kit.deps,
        config: {
          ...t.kit.deps.config,
          roles: { ...t.kit.deps.config.roles, editors: ['alice', 'U0ALICE'] },
        },
      },
    });

    const note = t.fake.messages().find((m) => m.threadTs === report.ts && m.text.includes('discarded'));
    expect(note?.text).toBe('Billing line v1 was discarded by <@U0ALICE>: it stays in the history of prod.');
  });
});
