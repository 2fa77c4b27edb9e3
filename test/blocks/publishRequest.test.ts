import { describe, expect, it } from 'vitest';
import { ACTION_IDS, decodeActionValue } from '../../blocks/actionIds.js';
import { buildPublishRequest } from '../../blocks/publishRequest.js';
import type { PublishRequestView } from '../../blocks/types.js';
import type { FlowDiff } from '../../core/versions/diff.js';
import { checkMessage } from './slackLimits.js';
import { allText, buttonsOf } from './views.js';

const noChange: FlowDiff = {
  added: [],
  removed: [],
  changed: [],
  repointed: [],
  start: null,
  settingsChanged: false,
  layoutMoves: 0,
  moves: [],
};

function requestView(overrides: Partial<PublishRequestView> = {}): PublishRequestView {
  return {
    requestId: 'req-7f3a',
    env: 'prod',
    flowKey: 'flow:Main',
    name: 'Main',
    version: 3,
    requester: 'U012ABCDEF',
    requestedAt: '2026-03-02T10:00:00.000Z',
    expiresAt: '2026-03-03T10:00:00.000Z',
    replaces: 2,
    diff: {
      from: 2,
      to: 3,
      changes: {
        ...noChange,
        added: [{ action: 'n1', type: 'MessageParticipant', block: 'Play prompt' }],
        changed: [
          {
            action: 'c1',
            type: 'Compare',
            block: 'Check contact attributes',
            fromType: null,
            fields: ['parameters'],
          },
        ],
        layoutMoves: 4,
      },
    },
    ...overrides,
  };
}

describe('buildPublishRequest', () => {
  it('names who asks and what when it is posted for approvers', () => {
    const message = buildPublishRequest(requestView());
    expect(message.text).toBe('<@U012ABCDEF> asks to publish Main v3 to prod.');
    expect(allText(message.blocks)).toContain(
      '<@U012ABCDEF> asks to publish *Main* v3 to *prod* (replaces published v2).',
    );
  });

  it('names who can approve, by mention and user group, and that the requester cannot', () => {
    const message = buildPublishRequest({ ...requestView(), approvers: ['U0BOB', 'S0PUBLISHERS'] });
    expect(allText(message.blocks)).toContain(
      '<@U0BOB> or <!subteam^S0PUBLISHERS> can approve it (not <@U012ABCDEF>, who asked for it).',
    );
  });

  it('summarises the diff with counts and block names', () => {
    const text = allText(buildPublishRequest(requestView()).blocks);
    expect(text).toContain('*Changes v2 → v3:* 1 block added, 1 block changed, 4 layout moves');
    expect(text).toContain('+ Play prompt `n1`');
  });

  it('offers Approve (primary, confirmed) and Reject (danger, asking its reason in a modal instead), carrying the request id', () => {
    const [approve, reject] = buttonsOf(buildPublishRequest(requestView()).blocks);
    expect([approve?.action_id, approve?.style, reject?.action_id, reject?.style]).toEqual([
      ACTION_IDS.approve,
      'primary',
      ACTION_IDS.reject,
      'danger',
    ]);
    expect(decodeActionValue(ACTION_IDS.approve, approve?.value)).toEqual({ request: 'req-7f3a' });
    expect([approve?.confirm !== undefined, reject?.confirm]).toEqual([true, undefined]);
  });

  it('links the version’s full report after the decision buttons when reports are served', () => {
    const url = 'https://flowgate.example/reports/abc.def';
    const buttons = buttonsOf(buildPublishRequest(requestView({ reportUrl: url })).blocks);

    expect(buttons.map((b) => [b.action_id, b.url])).toEqual([
      [ACTION_IDS.approve, undefined],
      [ACTION_IDS.reject, undefined],
      [ACTION_IDS.viewReport, url],
    ]);
    expect(buttonsOf(buildPublishRequest(requestView()).blocks)).toHaveLength(2);
  });

  it('leaves the report link out when it is longer than Slack takes', () => {
    const url = `https://flowgate.example/reports/${'a'.repeat(3000)}`;

    const message = buildPublishRequest(requestView({ reportUrl: url }));

    expect(buttonsOf(message.blocks)).toHaveLength(2);
    expect(checkMessage(message)).toEqual([]);
  });

  it('lists a few changes and counts the rest when the diff is large', () => {
    const added = Array.from({ length: 300 }, (_, i) => ({ action: `n${i}`, type: 'Wait', block: 'Wait' }));
    const message = buildPublishRequest(
      requestView({ diff: { from: 2, to: 3, changes: { ...noChange, added } } }),
    );
    expect(allText(message.blocks)).toContain('… and 292 more changes');
    expect(checkMessage(message)).toEqual([]);
  });

  it('passes the limits checker when names are 5,000 characters of unicode', () => {
    const huge = 'Ünïcödé 📞 '.repeat(500);
    const message = buildPublishRequest(
      requestView({ name: huge, flowKey: `flow:${huge}`, requester: huge }),
    );
    expect(checkMessage(message)).toEqual([]);
  });

  it('says there is nothing to compare when the flow has no earlier version', () => {
    expect(allText(buildPublishRequest(requestView({ diff: null, replaces: null })).blocks)).toContain(
      'Nothing to compare',
    );
  });
});

describe('buildPublishRequest (a promoted batch)', () => {
  it('names every flow the one approval publishes when the request leads a batch', () => {
    const message = buildPublishRequest(requestView({ together: ['Billing v1', 'Authenticate caller v1'] }));

    expect(message.text).toBe(
      '<@U012ABCDEF> asks to publish 3 flows to prod together: Main v3, Billing v1, Authenticate caller v1. Approving publishes them all.',
    );
    checkMessage(message);
  });
});
