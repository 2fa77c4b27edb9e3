import { describe, expect, it } from 'vitest';
import { versionActions, versionStateOf } from '../../blocks/versionState.js';
import type { FlowHead, PublishRequest, VersionSummary } from '../../core/versions/types.js';
import { requestOf } from '../contracts/storeFixtures.js';

const HEAD: FlowHead = {
  env: 'test',
  flowKey: 'flow:Main IVR',
  name: 'Main IVR',
  type: 'CONTACT_FLOW',
  latest: 1,
  published: null,
  target: null,
  updatedAt: '2026-11-21T10:00:00.000Z',
};

function summary(number: number, channel: VersionSummary['source']['channel'] = 'slack'): VersionSummary {
  return {
    env: 'test',
    flowKey: 'flow:Main IVR',
    number,
    name: 'Main IVR',
    type: 'CONTACT_FLOW',
    format: 'flow-language',
    contentHash: `h${number}`,
    sourceHash: `s${number}`,
    source: { channel, ref: 'main.json' },
    author: 'U0ALICE',
    createdAt: `2026-11-21T1${number}:00:00.000Z`,
    restores: null,
    diagnostics: [],
  };
}

function stateOf(head: FlowHead, versions: VersionSummary[], requests: PublishRequest[] = []) {
  return versionStateOf(1, head, versions, requests);
}

describe('versionStateOf', () => {
  it('is live and not superseded when the only newer version is the snapshot its publish took', () => {
    const state = stateOf(
      { ...HEAD, latest: 2, published: 1 },
      [summary(2, 'snapshot'), summary(1)],
      [requestOf('r1', { state: 'published', decidedBy: 'U0BOB' })],
    );

    expect(state).toMatchObject({ stage: { kind: 'live', by: 'U0BOB' }, supersededBy: null });
    expect(versionActions(state)).toEqual({ request: null, edit: false, inspect: true });
  });

  it('is superseded by the newest import and offers nothing when a newer version was imported', () => {
    const state = stateOf({ ...HEAD, latest: 2 }, [summary(2), summary(1)]);

    expect(state.supersededBy).toMatchObject({ number: 2, author: 'U0ALICE' });
    expect(versionActions(state)).toEqual({ request: null, edit: false, inspect: false });
  });

  it.each([
    ['pending', 'requested', null],
    ['rejected', 'rejected', 'again'],
    ['expired', 'expired', 'again'],
    ['failed', 'failed', 'again'],
  ] as const)('reads a %s request as %s and offers Request publish %s', (state, kind, request) => {
    const found = stateOf(HEAD, [summary(1)], [requestOf('r1', { state })]);

    expect([found.stage.kind, versionActions(found).request]).toEqual([kind, request]);
  });

  it('takes the newest request of the version when it was asked more than once', () => {
    const requests = [
      requestOf('r2', { requestedAt: '2026-11-21T12:00:00.000Z' }),
      requestOf('r1', { state: 'rejected' }),
    ];

    expect(stateOf(HEAD, [summary(1)], requests).stage.kind).toBe('requested');
  });
});
