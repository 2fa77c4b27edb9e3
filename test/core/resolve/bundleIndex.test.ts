import { describe, expect, it } from 'vitest';
import { BundleIndex, type BundleMember, memberKind } from '../../../core/resolve/bundleIndex.js';
import { arnOf, flowRef, ref, SOURCE_INSTANCE } from './builders.js';

function member(overrides: Partial<BundleMember> = {}): BundleMember {
  return {
    file: 'billing.json',
    name: 'Billing',
    type: 'CONTACT_FLOW',
    sourceArn: null,
    sourceId: null,
    ...overrides,
  };
}

const SOURCE_FLOW = arnOf('flow', 'f-src', SOURCE_INSTANCE);

describe('BundleIndex.find', () => {
  it('finds the member by source ARN when the reference is a saved-flow ARN', () => {
    const billing = member({ sourceArn: SOURCE_FLOW });

    expect(new BundleIndex([billing]).find(flowRef(`${SOURCE_FLOW}:$SAVED`, null))).toBe(billing);
  });

  it('finds the member by source id when the reference is a bare id', () => {
    const billing = member({ sourceId: 'f-src' });

    expect(new BundleIndex([billing]).find(flowRef('f-src', null, { valueKind: 'id' }))).toBe(billing);
  });

  it('finds the member by name when the member records no source id', () => {
    const billing = member();

    expect(new BundleIndex([billing]).find(flowRef(SOURCE_FLOW, 'Billing'))).toBe(billing);
  });

  it('does not match by name when the member records another source id', () => {
    const billing = member({ sourceId: 'f-other' });

    expect(new BundleIndex([billing]).find(flowRef(SOURCE_FLOW, 'Billing'))).toBeNull();
  });

  it('matches by name when the reference has only a name', () => {
    const billing = member({ sourceId: 'f-other' });

    expect(new BundleIndex([billing]).find(flowRef('', 'Billing', { valueKind: 'name' }))).toBe(billing);
  });

  it('returns null when two members match equally', () => {
    const index = new BundleIndex([member(), member({ file: 'billing-copy.json' })]);

    expect(index.find(flowRef(SOURCE_FLOW, 'Billing'))).toBeNull();
  });

  it('skips members of another type when the reference needs one', () => {
    const index = new BundleIndex([member({ type: 'AGENT_WHISPER' })]);

    expect(index.find(flowRef(SOURCE_FLOW, 'Billing', { flowType: 'CUSTOMER_QUEUE' }))).toBeNull();
  });

  it('skips members of unknown type when the reference needs a type', () => {
    const index = new BundleIndex([member({ type: null })]);

    expect(index.find(flowRef(SOURCE_FLOW, 'Billing'))).toBeNull();
  });

  it('finds a module only for a module reference', () => {
    const auth = member({ file: 'auth.json', name: 'Authenticate', type: 'MODULE' });
    const index = new BundleIndex([auth]);

    expect(index.find(ref({ kind: 'module', value: '', valueKind: 'name', name: 'Authenticate' }))).toBe(
      auth,
    );
    expect(index.find(flowRef('', 'Authenticate', { valueKind: 'name', flowType: null }))).toBeNull();
  });

  it('returns null when the reference is not to a flow or module', () => {
    expect(new BundleIndex([member({ name: 'Sales' })]).find(ref())).toBeNull();
  });
});

describe('memberKind', () => {
  it.each([
    ['MODULE', 'module'],
    ['CUSTOMER_QUEUE', 'flow'],
    [null, 'flow'],
  ] as const)('returns %s as %s', (type, kind) => {
    expect(memberKind({ type })).toBe(kind);
  });
});
