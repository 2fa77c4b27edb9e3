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
  button,
  buttons,
  CHANNELS,
  clickJob,
  ephemeralTo,
  importJob,
  onlyTopLevel,
  shareFixture,
  TOKEN,
  workerDeps,
} from '../workerKit.js';

describe('processSlackJob (request publish and roll back)', () => {
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

  async function report(): Promise<FakeSlackMessage> {
    const fileId = shareFixture(fake, 'worker/billing-line.json', 'billing-line.json');
    await processSlackJob(importJob(fileId, 'prod'), deps);
    return onlyTopLevel(fake, CHANNELS.prod);
  }

  /** prod publishing without approval. */
  function withoutApproval(): void {
    kit = makeDeps({ approval: { prod: { required: false, allowSelfApproval: true } } });
    deps = workerDeps(fake, kit);
  }

  it('refuses a viewer privately and creates no request when a viewer clicks Request publish', async () => {
    const shown = await report();

    await processSlackJob(clickJob(shown, button(shown, 'flowgate.request_publish'), 'victor'), deps);

    expect(ephemeralTo(fake, 'victor').join('\n')).toContain('victor may not request publishing');
    expect({ requests: await kit.store.listRequests('prod'), messages: fake.messages().length }).toEqual({
      requests: [],
      messages: 1,
    });
  });

  it('publishes at once and posts the outcome when the environment requires no approval', async () => {
    withoutApproval();
    const shown = await report();

    await processSlackJob(clickJob(shown, button(shown, 'flowgate.request_publish'), 'alice'), deps);

    const outcome = fake.messages().find((m) => m.ts !== shown.ts);
    expect(outcome?.text).toBe(
      'Billing line v1 for prod: approved and published by alice. Published 1 flow to prod.',
    );
    expect(kit.center.writes()).toBe(1);
  });

  it('posts a request for the restoring version when Roll back is clicked', async () => {
    withoutApproval();
    const first = await report();
    await processSlackJob(clickJob(first, button(first, 'flowgate.request_publish'), 'alice'), deps);
    const changed = fake.registerFile(
      (await kit.store.getVersion('prod', 'flow:Billing line', 1))?.original.replace(
        'You reached billing.',
        'Billing, hello.',
      ) ?? '',
      { name: 'billing-line.json', mimetype: 'application/json' },
    ).id;
    await processSlackJob(importJob(changed, 'prod'), deps);
    const second = fake.messages().at(-1);
    if (second === undefined) throw new Error('no second report');
    await processSlackJob(clickJob(second, button(second, 'flowgate.request_publish'), 'alice'), deps);
    const decided = fake.messages().at(-1);
    if (decided === undefined) throw new Error('no outcome');

    await processSlackJob(clickJob(decided, button(decided, 'flowgate.rollback'), 'alice'), deps);

    const head = await kit.store.getHead('prod', 'flow:Billing line');
    const latest = await kit.store.getVersion('prod', 'flow:Billing line', head?.latest ?? 0);
    expect({ restores: latest?.restores, published: head?.published }).toEqual({
      restores: 1,
      published: head?.latest,
    });
    expect(buttons(decided, 'flowgate.rollback')).toHaveLength(1);
  });
});
