import { describe, expect, it } from 'vitest';
import { processSlackJob } from '../../../../handlers/worker/processJob.js';
import { makeDeps } from '../../../fakes/serviceKit.js';
import type { FakeSlackMessage } from '../../../integration/fakeSlackApi.js';
import {
  button,
  buttons,
  CHANNELS,
  clickJob,
  ephemeralTo,
  importJob,
  onlyTopLevel,
  shareFixture,
  workerDeps,
  workerSuite,
} from '../workerKit.js';

describe('processSlackJob (request publish and roll back)', () => {
  const t = workerSuite();

  async function report(): Promise<FakeSlackMessage> {
    const fileId = shareFixture(t.fake, 'worker/billing-line.json', 'billing-line.json');
    await processSlackJob(importJob(fileId, 'prod'), t.deps);
    return onlyTopLevel(t.fake, CHANNELS.prod);
  }

  /** prod publishing without approval. */
  function withoutApproval(): void {
    t.kit = makeDeps({ approval: { prod: { required: false, allowSelfApproval: true } } });
    t.deps = workerDeps(t.fake, t.kit);
  }

  it('refuses a viewer privately and creates no request when a viewer clicks Request publish', async () => {
    const shown = await report();

    await processSlackJob(clickJob(shown, button(shown, 'flowgate.request_publish'), 'victor'), t.deps);

    expect(ephemeralTo(t.fake, 'victor').join('\n')).toContain(
      'You may not request publishing: that needs the editor role.',
    );
    expect({
      requests: await t.kit.requests.listRequests('prod'),
      messages: t.fake.messages().length,
    }).toEqual({
      requests: [],
      messages: 1,
    });
  });

  it('publishes at once and posts the outcome when the environment requires no approval', async () => {
    withoutApproval();
    const shown = await report();

    await processSlackJob(clickJob(shown, button(shown, 'flowgate.request_publish'), 'alice'), t.deps);

    const outcome = t.fake.messages().find((m) => m.ts !== shown.ts);
    expect(outcome?.text).toBe(
      'Billing line v1 for prod: approved and published by alice. Published 1 flow to prod.',
    );
    expect(t.kit.center.writes()).toBe(1);
  });

  it('posts a request for the restoring version when Roll back is clicked', async () => {
    withoutApproval();
    const first = await report();
    await processSlackJob(clickJob(first, button(first, 'flowgate.request_publish'), 'alice'), t.deps);
    const changed = t.fake.registerFile(
      (await t.kit.versions.getVersion('prod', 'flow:Billing line', 1))?.original.replace(
        'You reached billing.',
        'Billing, hello.',
      ) ?? '',
      { name: 'billing-line.json', mimetype: 'application/json' },
    ).id;
    await processSlackJob(importJob(changed, 'prod'), t.deps);
    const second = t.fake.messages().at(-1);
    if (second === undefined) throw new Error('no second report');
    await processSlackJob(clickJob(second, button(second, 'flowgate.request_publish'), 'alice'), t.deps);
    const decided = t.fake.messages().at(-1);
    if (decided === undefined) throw new Error('no outcome');

    await processSlackJob(clickJob(decided, button(decided, 'flowgate.rollback'), 'alice'), t.deps);

    const head = await t.kit.versions.getHead('prod', 'flow:Billing line');
    const latest = await t.kit.versions.getVersion('prod', 'flow:Billing line', head?.latest ?? 0);
    expect({ restores: latest?.restores, published: head?.published }).toEqual({
      restores: 1,
      published: head?.latest,
    });
    expect(buttons(decided, 'flowgate.rollback')).toHaveLength(1);
  });
});
