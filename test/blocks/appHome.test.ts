import type { KnownBlock, SectionBlock } from '@slack/types';
import { describe, expect, it } from 'vitest';
import { ACTION_IDS } from '../../blocks/actionIds.js';
import { buildAppHome, HOME_LISTED } from '../../blocks/appHome.js';
import type { AppHomeView, HomeRequestView } from '../../blocks/types.js';
import { checkHome } from './slackLimits.js';

const BOB = 'U0BOB';
const ALICE = 'U0ALICE';

function request(overrides: Partial<HomeRequestView> = {}): HomeRequestView {
  return {
    requestId: '0b6c6a3e-5d51-4f0e-9d0c-2f1f3a9b7c11',
    env: 'prod',
    name: 'Main IVR',
    version: 3,
    requester: ALICE,
    requestedAt: '2026-12-06T09:00:00.000Z',
    expiresAt: '2026-12-07T09:00:00.000Z',
    link: 'https://acme.slack.com/archives/C0PROD/p1765011600000100',
    ...overrides,
  };
}

function home(overrides: Partial<AppHomeView> = {}): AppHomeView {
  return {
    reader: BOB,
    role: 'publisher',
    waiting: [],
    mine: [],
    recentDays: 30,
    environments: [{ env: 'prod', publishes: [] }],
    ...overrides,
  };
}

/** The mrkdwn people read in the blocks under the header `title`, up to the next divider. */
function part(blocks: readonly KnownBlock[], title: string): string {
  const start = blocks.findIndex((b) => b.type === 'header' && b.text.text === title);
  const end = blocks.findIndex((b, i) => i > start && b.type === 'divider');
  return textOf(blocks.slice(start + 1, end === -1 ? undefined : end));
}

function textOf(blocks: readonly KnownBlock[]): string {
  return blocks
    .flatMap((b) => {
      if (b.type === 'section') return [b.text?.text ?? ''];
      if (b.type === 'context') return b.elements.map((e) => ('text' in e ? e.text : ''));
      return [];
    })
    .join('\n');
}

/** A Slack date token's seconds for an ISO time. */
function epoch(iso: string): number {
  return Math.floor(Date.parse(iso) / 1000);
}

describe('buildAppHome', () => {
  it('lists what waits on the reader with flow name, version, environment, requester and a date token', () => {
    const view = buildAppHome(home({ waiting: [request()] }));

    const text = part(view.blocks as KnownBlock[], 'Waiting on you');
    expect(text).toContain('*Main IVR* v3 to *prod*');
    expect(text).toContain(`<@U0ALICE> asks <!date^${epoch('2026-12-06T09:00:00.000Z')}^`);
    expect(text).toContain('expires <!date^');
    expect(text).not.toMatch(/flow:Main IVR|0b6c6a3e|2026-12-06T09:00:00\.000Z(?!>)/);
  });

  it('links each waiting request to its message when the request was posted in Slack', () => {
    const view = buildAppHome(home({ waiting: [request()] }));

    const section = (view.blocks as KnownBlock[]).find(
      (b): b is SectionBlock => b.type === 'section' && b.accessory !== undefined,
    );
    expect(section?.accessory).toMatchObject({
      type: 'button',
      action_id: ACTION_IDS.openRequest,
      text: { text: 'Open request' },
      url: 'https://acme.slack.com/archives/C0PROD/p1765011600000100',
    });
  });

  it('says how to decide from the command line when the request has no Slack message', () => {
    const view = buildAppHome(home({ waiting: [request({ link: null })] }));

    expect(part(view.blocks as KnownBlock[], 'Waiting on you')).toContain(
      'No Slack message shows it: decide it with `flowgate approve 0b6c6a3e-5d51-4f0e-9d0c-2f1f3a9b7c11`',
    );
  });

  it('speaks to the reader about their own open requests', () => {
    const view = buildAppHome(home({ mine: [request({ requester: BOB })] }));

    expect(part(view.blocks as KnownBlock[], 'Your requests')).toContain(
      `You asked <!date^${epoch('2026-12-06T09:00:00.000Z')}^`,
    );
  });

  it.each([
    ['publisher with nothing waiting', home(), 'Waiting on you', 'Nothing waits on you. When someone asks'],
    [
      'reader who may not approve',
      home({ role: 'editor' }),
      'Waiting on you',
      'Ask your flowgate admin to add you to `roles.publishers`',
    ],
    ['editor with no open request', home({ role: 'editor' }), 'Your requests', 'run `/flow publish <flow>`'],
    ['viewer with no open request', home({ role: 'viewer' }), 'Your requests', 'add you to `roles.editors`'],
    [
      'environment with no publish',
      home(),
      'Recently published',
      '*prod*\nNothing published in the last 30 days.',
    ],
  ])('says what to do when empty for a %s', (_title, view, title, expected) => {
    expect(part(buildAppHome(view).blocks as KnownBlock[], title)).toContain(expected);
  });

  it('tells a reader with no role whom to ask, and shows nothing else', () => {
    const view = buildAppHome(home({ role: null }));

    expect(textOf(view.blocks as KnownBlock[])).toContain('<@U0BOB>, you hold no flowgate role yet');
    const headers = (view.blocks as KnownBlock[]).flatMap((b) => (b.type === 'header' ? [b.text.text] : []));
    expect(headers).toEqual(['flowgate']);
  });

  it('lists the recent publishes of each environment with who, what and when', () => {
    const view = buildAppHome(
      home({
        environments: [
          {
            env: 'prod',
            publishes: [{ name: 'Main IVR', version: 3, actor: BOB, at: '2026-12-06T10:00:00.000Z' }],
          },
          { env: 'test', publishes: [] },
        ],
      }),
    );

    const text = part(view.blocks as KnownBlock[], 'Recently published');
    expect(text).toContain(
      `*prod*\n<!date^${epoch('2026-12-06T10:00:00.000Z')}^{date_short_pretty} at {time}|Dec 6, 2026 10:00 UTC> · *Main IVR* v3 by <@U0BOB>`,
    );
    expect(text).toContain('*test*\nNothing published');
  });

  it('stays within Slack`s Home tab limits and counts what it leaves out when every list is long', () => {
    const many = Array.from({ length: 60 }, (_, i) =>
      request({
        requestId: `r-${i}`,
        name: `Flow ${'x'.repeat(200)} ${i}`,
        link: `https://acme.slack.com/archives/C0/p${i}`,
      }),
    );
    const environments = Array.from({ length: 40 }, (_, i) => ({
      env: `env-${i}`,
      publishes: Array.from({ length: 5 }, () => ({
        name: 'y'.repeat(900),
        version: 9,
        actor: BOB,
        at: '2026-12-06T10:00:00.000Z',
      })),
    }));

    const view = buildAppHome(home({ waiting: many, mine: many, environments }));

    expect(checkHome(view)).toEqual([]);
    expect(part(view.blocks as KnownBlock[], 'Waiting on you')).toContain(
      `… and ${60 - HOME_LISTED} more requests`,
    );
    expect(part(view.blocks as KnownBlock[], 'Recently published')).toContain('… and 20 more environments');
  });
});
