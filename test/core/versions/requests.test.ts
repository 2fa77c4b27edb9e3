import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../../core/diagnostics.js';
import type { Reference } from '../../../core/references/types.js';
import type { Resolution } from '../../../core/resolve/types.js';
import { sha256 } from '../../../core/versions/hash.js';
import {
  canonicalJson,
  describeRequestState,
  driftHashOf,
  expiryAfter,
  publishProblems,
  resolutionHash,
} from '../../../core/versions/requests.js';
import type { FlowVersion, PublishRequest } from '../../../core/versions/types.js';

const queueRef: Reference = {
  kind: 'queue',
  action: 'to-queue',
  actionType: 'UpdateContactTargetQueue',
  path: ['Parameters', 'QueueId'],
  value: 'arn:aws:connect:us-east-1:111122223333:instance/0b6f3a9e-1c2d-4e5f-8a9b-000000000002/queue/q-1',
  name: 'Sales',
  valueKind: 'arn',
  required: true,
  flowType: null,
  copies: [],
  nameCopies: [],
};

const unresolved: Resolution = { by: 'unresolved', target: null, inherited: false };
const byName: Resolution = {
  by: 'name',
  target: { arn: 'arn:aws:connect:us-west-2:444455556666:instance/i/queue/q-9', id: 'q-9', name: 'Sales' },
  inherited: false,
};

function version(overrides: Partial<FlowVersion> = {}): FlowVersion {
  return {
    env: 'prod',
    flowKey: 'flow:Main',
    number: 3,
    name: 'Main',
    type: 'CONTACT_FLOW',
    format: 'flow-language',
    contentHash: sha256('{}'),
    sourceHash: sha256('{}'),
    source: { channel: 'cli', ref: 'main.json' },
    author: 'alice',
    createdAt: '2026-11-21T10:00:00.000Z',
    restores: null,
    diagnostics: [],
    references: [queueRef],
    resolutions: [byName],
    content: '{}',
    original: '{}',
    ...overrides,
  };
}

function request(overrides: Partial<PublishRequest> = {}): PublishRequest {
  return {
    id: 'r-1',
    env: 'prod',
    flowKey: 'flow:Main',
    version: 3,
    contentHash: 'c',
    resolutionHash: 'r',
    driftHash: null,
    requester: 'alice',
    requestedAt: '2026-11-21T10:00:00.000Z',
    expiresAt: '2026-11-22T10:00:00.000Z',
    state: 'pending',
    decidedBy: null,
    decidedAt: null,
    reason: null,
    ...overrides,
  };
}

describe('canonicalJson', () => {
  it('gives the same text when objects hold the same keys in another order', () => {
    const a = canonicalJson({ b: 1, a: { d: [1, { y: 2, x: 1 }], c: null } });
    const b = canonicalJson({ a: { c: null, d: [1, { x: 1, y: 2 }] }, b: 1 });

    expect(a).toBe(b);
    expect(a).toBe('{"a":{"c":null,"d":[1,{"x":1,"y":2}]},"b":1}');
  });
});

describe('resolutionHash', () => {
  it('changes when one resolution points elsewhere', () => {
    const moved: Resolution = { ...byName, target: { arn: null, id: 'q-10', name: 'Sales' } };

    expect(resolutionHash([byName])).not.toBe(resolutionHash([moved]));
  });

  it('is the sha256 of the canonical JSON of the resolutions', () => {
    expect(resolutionHash([unresolved])).toBe(
      sha256('[{"by":"unresolved","inherited":false,"target":null}]'),
    );
  });
});

describe('driftHashOf', () => {
  it.each([
    ['{"Version":"2019-10-30"}', sha256('{"Version":"2019-10-30"}')],
    [null, null],
  ])('hashes the target content %s', (content, expected) => {
    expect(driftHashOf(content)).toBe(expected);
  });
});

describe('publishProblems', () => {
  it('is empty when there are no errors and every required reference resolved', () => {
    expect(publishProblems(version())).toEqual([]);
  });

  it('names an error diagnostic with its block when the version has one', () => {
    const error: Diagnostic = {
      severity: 'error',
      code: 'missing-branch',
      action: 'menu',
      block: 'Get customer input',
      message: 'Get customer input block has no Timeout branch.',
      hint: 'Connect it.',
    };

    expect(publishProblems(version({ diagnostics: [error] }))).toEqual([
      'Get customer input block has no Timeout branch. (menu)',
    ]);
  });

  it('names a required reference left unresolved when no diagnostic already does', () => {
    expect(publishProblems(version({ resolutions: [unresolved] }))).toEqual([
      "The queue 'Sales' in block 'to-queue' is not resolved in prod.",
    ]);
  });

  it('ignores an unresolved optional reference', () => {
    const optional = { ...queueRef, required: false };

    expect(publishProblems(version({ references: [optional], resolutions: [unresolved] }))).toEqual([]);
  });
});

describe('expiryAfter', () => {
  it('adds whole hours to now', () => {
    expect(expiryAfter(new Date('2026-11-21T10:00:00.000Z'), 24)).toBe('2026-11-22T10:00:00.000Z');
  });
});

describe('describeRequestState', () => {
  it.each([
    [request({ state: 'approved', decidedBy: 'bob', decidedAt: 'T1' }), 'was already approved by bob at T1'],
    [
      request({ state: 'rejected', decidedBy: 'carol', decidedAt: 'T2', reason: 'wrong queue' }),
      'was rejected by carol at T2 (wrong queue)',
    ],
    [request({ state: 'expired' }), 'expired at 2026-11-22T10:00:00.000Z before anyone decided'],
  ])('says what happened and who when the request is %#', (r, expected) => {
    expect(describeRequestState(r)).toBe(expected);
  });
});
