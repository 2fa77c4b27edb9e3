import { describe, expect, it } from 'vitest';
import { knownActionTypes } from '../../../core/actions.js';
import { actionRule, branchLabel } from '../../../core/validate/actionRules.js';

describe('actionRule', () => {
  it.each(['SomethingNew', 'constructor', '__proto__', 'toString'])(
    'returns null for the unknown type %s',
    (type) => {
      expect(actionRule(type)).toBeNull();
    },
  );

  it('has a rule for every action type core/actions.ts names', () => {
    const missing = knownActionTypes().filter((type) => actionRule(type) === null);

    expect(missing).toEqual([]);
  });

  it('marks Disconnect as terminal', () => {
    expect(actionRule('DisconnectParticipant')?.termination).toBe('always');
  });
});

describe('branchLabel', () => {
  it('returns the designer label when the error type is known', () => {
    expect(branchLabel('QueueAtCapacity')).toBe('At capacity');
  });

  it('returns the error type itself when it is unknown', () => {
    expect(branchLabel('hasOwnProperty')).toBe('hasOwnProperty');
  });
});
