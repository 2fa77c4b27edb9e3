import { describe, expect, it } from 'vitest';
import { appHomeView, HOME_PUBLISHES_PER_ENVIRONMENT } from '../../app/appHome.js';
import { HOME_LISTED } from '../../blocks/appHome.js';
import type { AuditEvent, PublishRequest } from '../../core/versions/types.js';
import { requestOf } from '../contracts/storeFixtures.js';
import { makeDeps, type ServiceKit, users } from '../fakes/serviceKit.js';

const NOW = '2026-12-06T12:00:00.000Z';

/** Links only the request `linked`; any other has no Slack message. */
const linkOnly =
  (linked: string) =>
  async (request: PublishRequest): Promise<string | null> =>
    request.id === linked ? `https://acme.slack.com/archives/C0/p${request.id}` : null;

/** Each request asks for a version of its own: a version has one open request at a time. */
let versions = 0;

async function ask(kit: ServiceKit, id: string, overrides: Partial<PublishRequest> = {}): Promise<void> {
  versions += 1;
  await kit.requests.createRequest(
    requestOf(id, {
      version: versions,
      env: 'prod',
      flowKey: 'flow:Main IVR',
      requester: 'alice',
      requestedAt: '2026-12-06T09:00:00.000Z',
      expiresAt: '2026-12-07T09:00:00.000Z',
      ...overrides,
    }),
  );
}

function publish(at: string, overrides: Partial<AuditEvent> = {}): AuditEvent {
  return {
    id: `p-${at}`,
    env: 'prod',
    at,
    actor: 'bob',
    action: 'publish',
    flowKey: 'flow:Main IVR',
    detail: { version: 2 },
    ...overrides,
  };
}

describe('appHomeView', () => {
  it('puts requests others made in a publisher`s waiting list, oldest first across environments', async () => {
    const kit = makeDeps({ now: NOW });
    await ask(kit, 'later', { requestedAt: '2026-12-06T10:00:00.000Z' });
    await ask(kit, 'first', {
      env: 'test',
      flowKey: 'module:Greeting',
      requestedAt: '2026-12-06T08:00:00.000Z',
    });
    await ask(kit, 'bobs-own', { requester: 'bob' });

    const view = await appHomeView(kit.deps, users.bob, linkOnly('later'));

    expect(view.waiting.map((r) => [r.requestId, r.env, r.name, r.link])).toEqual([
      ['first', 'test', 'Greeting', null],
      ['later', 'prod', 'Main IVR', 'https://acme.slack.com/archives/C0/plater'],
    ]);
    expect(view.mine.map((r) => r.requestId)).toEqual(['bobs-own']);
  });

  it('asks Slack for the links of the requests the tab shows only', async () => {
    const kit = makeDeps({ now: NOW });
    for (let i = 0; i < HOME_LISTED + 5; i++) await ask(kit, `r-${String(i).padStart(2, '0')}`);
    const asked: string[] = [];

    const view = await appHomeView(kit.deps, users.bob, async (request) => {
      asked.push(request.id);
      return null;
    });

    expect([view.waiting.length, asked.length]).toEqual([HOME_LISTED + 5, HOME_LISTED]);
  });

  it('leaves decided and expired requests out', async () => {
    const kit = makeDeps({ now: NOW });
    await ask(kit, 'approved');
    await kit.requests.transitionRequest('approved', 'pending', 'approved', { decidedBy: 'carol' });
    await ask(kit, 'expired', { expiresAt: '2026-12-06T11:00:00.000Z' });

    const view = await appHomeView(kit.deps, users.bob, linkOnly(''));

    expect(view.waiting).toEqual([]);
  });

  it('shows an editor only their own requests, never ones to approve', async () => {
    const kit = makeDeps({ now: NOW });
    await ask(kit, 'alices');
    await ask(kit, 'carols', { requester: 'carol' });

    const view = await appHomeView(kit.deps, users.alice, linkOnly(''));

    expect([view.role, view.waiting, view.mine.map((r) => r.requestId)]).toEqual(['editor', [], ['alices']]);
  });

  it('shows a person with no role nothing', async () => {
    const kit = makeDeps({ now: NOW });
    await ask(kit, 'alices');
    await kit.audit.appendAudit(publish('2026-12-06T10:00:00.000Z'));

    const view = await appHomeView(kit.deps, users.mallory, linkOnly(''));

    expect(view).toMatchObject({ role: null, waiting: [], mine: [], environments: [] });
  });

  it('lists each environment`s publishes of the last 30 days, newest first, imports left out', async () => {
    const kit = makeDeps({ now: NOW });
    await kit.audit.appendAudit(publish('2026-10-01T10:00:00.000Z'));
    await kit.audit.appendAudit(publish('2026-12-01T10:00:00.000Z'));
    await kit.audit.appendAudit(publish('2026-12-05T10:00:00.000Z', { actor: 'carol' }));
    await kit.audit.appendAudit(publish('2026-12-06T11:00:00.000Z', { action: 'import' }));

    const view = await appHomeView(kit.deps, users.victor, linkOnly(''));

    expect(view.environments).toEqual([
      { env: 'test', publishes: [] },
      {
        env: 'prod',
        publishes: [
          { name: 'Main IVR', version: 2, actor: 'carol', at: '2026-12-05T10:00:00.000Z' },
          { name: 'Main IVR', version: 2, actor: 'bob', at: '2026-12-01T10:00:00.000Z' },
        ],
      },
      { env: 'shared', publishes: [] },
    ]);
  });

  it('shows at most a few publishes per environment', async () => {
    const kit = makeDeps({ now: NOW });
    for (let day = 1; day <= 6; day++) await kit.audit.appendAudit(publish(`2026-12-0${day}T10:00:00.000Z`));

    const view = await appHomeView(kit.deps, users.victor, linkOnly(''));

    const prod = view.environments.find((e) => e.env === 'prod');
    expect(prod?.publishes.map((p) => p.at.slice(0, 10))).toHaveLength(HOME_PUBLISHES_PER_ENVIRONMENT);
    expect(prod?.publishes[0]?.at).toBe('2026-12-06T10:00:00.000Z');
  });
});
