import { sha256 } from '../../core/versions/hash.js';
import type { PublishRequest, VersionDraft } from '../../core/versions/types.js';
import { FixedClock } from '../fakes/fixedClock.js';

/**
 * What the store contracts share: the environment, flow and time they run in, realistic drafts
 * and requests, and how a suite gets a fresh port.
 */

/** The environment the contracts write to. */
export const ENV = 'test';
/** The flow the contracts write to. */
export const FLOW = 'flow:Main IVR';
/** An hour in milliseconds, to move the clock by. */
export const HOUR = 3_600_000;
/** When every contract test starts. */
export const START = '2026-11-21T10:00:00.000Z';

/**
 * Makes a fresh, empty implementation of port `P` reading time from `clock` (the suites move it
 * to test expiry).
 */
export type MakePort<P> = (clock: FixedClock) => P | Promise<P>;

/** A clock at {@link START} and a fresh port on it. */
export async function freshPort<P>(
  make: MakePort<P>,
): Promise<{ readonly clock: FixedClock; readonly port: P }> {
  const clock = new FixedClock(START);
  return { clock, port: await make(clock) };
}

/** A realistic draft whose hashes follow its content. */
export function draftOf(content: string, overrides: Partial<VersionDraft> = {}): VersionDraft {
  const text = JSON.stringify({
    Version: '2019-10-30',
    StartAction: 'a1',
    Actions: [],
    Metadata: { note: content },
  });
  const original = `${text}\n`;
  return {
    env: ENV,
    flowKey: FLOW,
    name: 'Main IVR',
    type: 'CONTACT_FLOW',
    format: 'flow-language',
    contentHash: sha256(text),
    sourceHash: sha256(original),
    source: { channel: 'cli', ref: 'main-ivr.json' },
    author: 'U0ALICE',
    createdAt: START,
    restores: null,
    diagnostics: [
      {
        severity: 'warning',
        code: 'unresolved-reference',
        action: 'a1',
        block: 'Set working queue',
        message: 'Queue "Sales" was not found in test.',
        hint: 'Create the queue "Sales" in test or pick a replacement.',
      },
    ],
    references: [
      {
        kind: 'queue',
        action: 'a1',
        actionType: 'UpdateContactTargetQueue',
        path: ['Parameters', 'QueueId'],
        value: 'arn:aws:connect:eu-west-2:111122223333:instance/aaaa/queue/bbbb',
        name: 'Sales',
        valueKind: 'arn',
        required: true,
        flowType: null,
        copies: [['Metadata', 'ActionMetadata', 'a1', 'queue', 'id']],
        nameCopies: [['Metadata', 'ActionMetadata', 'a1', 'queue', 'text']],
      },
    ],
    resolutions: [{ by: 'unresolved', target: null, inherited: false }],
    content: text,
    original,
    ...overrides,
  };
}

/** A pending request for version 1, expiring in 24 hours. */
export function requestOf(id: string, overrides: Partial<PublishRequest> = {}): PublishRequest {
  return {
    id,
    env: ENV,
    flowKey: FLOW,
    version: 1,
    contentHash: sha256('content'),
    resolutionHash: sha256('resolutions'),
    driftHash: null,
    requester: 'U0ALICE',
    requestedAt: START,
    expiresAt: '2026-11-22T10:00:00.000Z',
    state: 'pending',
    decidedBy: null,
    decidedAt: null,
    reason: null,
    ...overrides,
  };
}
