import { describe, expect, it } from 'vitest';
import { notificationWords } from '../../blocks/notification.js';
import type { ServiceDeps } from '../../core/deps.js';
import { approveRequest } from '../../core/service/approveRequest.js';
import { importFlows } from '../../core/service/importFlows.js';
import { rejectRequest } from '../../core/service/rejectRequest.js';
import { requestPublish } from '../../core/service/requestPublish.js';
import { requestPublishBatch } from '../../core/service/requestPublishBatch.js';
import { actor, exampleFlowFiles, makeDeps, type ServiceKit } from '../fakes/serviceKit.js';
import { unreadableParts } from '../integration/slackText.js';

const ALICE = actor('U0ALICE');
const BOB = actor('U0BOB');

/** The kit with Slack users: U0ALICE edits, U0BOB publishes. */
function slackKit(): { kit: ServiceKit; deps: ServiceDeps } {
  const kit = makeDeps();
  const { config } = kit.deps;
  const roles = { ...config.roles, editors: ['U0ALICE'], publishers: ['U0BOB'] };
  return { kit, deps: { ...kit.deps, config: { ...config, roles } } };
}

/** What the channel read for each notification the use cases gave, in order. */
function channelRead(kit: ServiceKit): string[] {
  return kit.notifications.map(notificationWords);
}

describe('notificationWords', () => {
  it('words a request, its approval and a rejection with mentions, flow names and date tokens', async () => {
    const { kit, deps } = slackKit();
    await importFlows(deps, { env: 'prod', files: exampleFlowFiles(), actor: ALICE, channel: 'slack' });
    const billing = await requestPublish(deps, { env: 'prod', flow: 'Billing', actor: ALICE });
    await approveRequest(deps, { id: billing.id, actor: BOB });
    const main = await requestPublish(deps, { env: 'prod', flow: 'Main IVR', actor: ALICE });
    await rejectRequest(deps, { id: main.id, actor: BOB, reason: 'wrong hours' });

    const read = channelRead(kit);

    expect(read).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /^<@U0ALICE> asks to publish \*Billing\* v1 to \*prod\*; the request expires <!date\^\d+\^[^|]+\|[^>]+>\.$/,
        ),
        '<@U0BOB> approved *Billing* v1 for *prod* (requested by <@U0ALICE>).',
        '<@U0BOB> rejected *Main IVR* v1 for *prod* (requested by <@U0ALICE>): “wrong hours”.',
      ]),
    );
    expect(read[0]).toMatch(/^<@U0ALICE> imported into \*prod\*: stored /);
    expect(unreadableParts(read)).toEqual([]);
  });

  it('says who published which flows, by name and version', async () => {
    const { kit, deps } = slackKit();
    await importFlows(deps, { env: 'prod', files: exampleFlowFiles(), actor: ALICE, channel: 'slack' });
    const billing = await requestPublish(deps, { env: 'prod', flow: 'Billing', actor: ALICE });
    await approveRequest(deps, { id: billing.id, actor: BOB });

    const published = kit.notifications.filter((n) => n.kind === 'published').map(notificationWords);

    expect(published).toEqual(['<@U0BOB> published *Billing* v1 to *prod*.']);
  });

  it('names every flow of a promoted batch, never their keys', async () => {
    const { kit, deps } = slackKit();
    await importFlows(deps, { env: 'prod', files: exampleFlowFiles(), actor: ALICE, channel: 'slack' });
    const versions = await Promise.all(
      ['flow:Billing', 'module:Authenticate caller'].map(async (key) => {
        const version = await deps.versions.getVersion('prod', key, 1);
        if (version === null) throw new Error(`no ${key} v1`);
        return version;
      }),
    );
    await requestPublishBatch(deps, { env: 'prod', actor: ALICE, versions });

    const read = channelRead(kit).at(-1) ?? '';

    expect(read).toMatch(
      /^<@U0ALICE> asks to publish (Billing v1, module Authenticate caller v1|module Authenticate caller v1, Billing v1) together to \*prod\*; the request expires <!date\^/,
    );
    expect(unreadableParts([read])).toEqual([]);
  });
});
