import { describe, expect, it } from 'vitest';
import {
  flowName,
  flowNames,
  parseCommandArgs,
  trailingVersions,
  versionNumber,
} from '../../../handlers/worker/commandArgs.js';
import { WorkerRefusal } from '../../../handlers/worker/refusal.js';

const NONE = { env: null, version: null, to: null, toWord: null, from: null, all: false, saved: false };

describe('parseCommandArgs', () => {
  it.each([
    [['Main', 'IVR', '--env', 'prod'], { ...NONE, words: ['Main', 'IVR'], env: 'prod' }],
    [['Main', '--env=test', '--version', 'v3'], { ...NONE, words: ['Main'], env: 'test', version: 3 }],
    [['Main', '--to', '2'], { ...NONE, words: ['Main'], to: 2, toWord: '2' }],
    [
      ['--all', '--from', 'test', '--to', 'prod'],
      { ...NONE, words: [], all: true, from: 'test', toWord: 'prod' },
    ],
    [['Sales*', '--saved'], { ...NONE, words: ['Sales*'], saved: true }],
  ])('splits the flags from the words when given %j', (args, expected) => {
    expect(parseCommandArgs(args)).toEqual(expected);
  });

  it.each([[['--colour', 'red']], [['Main', '--env']], [['--version', 'latest']]])(
    'refuses when given %j',
    (args) => {
      expect(() => parseCommandArgs(args)).toThrow(WorkerRefusal);
    },
  );
});

describe('trailingVersions', () => {
  it('takes up to the asked number of trailing versions when the flow name has several words', () => {
    expect(trailingVersions(['Main', 'IVR', 'v2', '3'], 2)).toEqual({
      rest: ['Main', 'IVR'],
      versions: [2, 3],
    });
  });

  it('keeps a name made of digits as the flow when it is the only word', () => {
    expect(trailingVersions(['2024'], 1)).toEqual({ rest: ['2024'], versions: [] });
  });
});

describe('flowNames', () => {
  it('splits names at commas, since Slack splits a name with spaces into words', () => {
    expect(flowNames(['Main', 'IVR,', '"Sales', 'queue*"'])).toEqual(['Main IVR', 'Sales queue*']);
  });
});

describe('flowName', () => {
  it('joins the words and drops surrounding quotes when the name was quoted', () => {
    expect(flowName(['“Main', 'IVR”'], '/flow versions <flow>')).toBe('Main IVR');
  });

  it('refuses naming the syntax when there are no words', () => {
    expect(() => flowName([], '/flow versions <flow>')).toThrow('Say which flow: /flow versions <flow>');
  });
});

describe('versionNumber', () => {
  it.each([['0'], ['v'], ['-1']])('refuses %s', (word) => {
    expect(() => versionNumber(word)).toThrow(WorkerRefusal);
  });
});
