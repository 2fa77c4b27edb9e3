import { describe, expect, it } from 'vitest';
import {
  decodeS3Key,
  dropTargetOf,
  encodeS3Key,
  s3EventRecords,
  safeParseS3Record,
} from '../../../adapters/s3/s3Events.js';
import { s3Record } from '../../handlers/s3-import/s3Kit.js';

describe('decodeS3Key', () => {
  it.each([
    ['a plus as a space', 'incoming/prod/Main+IVR.json', 'incoming/prod/Main IVR.json'],
    ['%20 as a space', 'incoming/prod/Main%20IVR.json', 'incoming/prod/Main IVR.json'],
    ['%2B as a plus', 'incoming/prod/a%2Bb.json', 'incoming/prod/a+b.json'],
    [
      'UTF-8 escapes as unicode',
      'incoming/prod/Caf%C3%A9+%E2%80%93+men%C3%BC.json',
      'incoming/prod/Café – menü.json',
    ],
    ['%25 as a percent sign', 'incoming/prod/100%25.json', 'incoming/prod/100%.json'],
    ['an encoded slash as a slash', 'incoming%2Fprod%2Fa.json', 'incoming/prod/a.json'],
    ['a plain key as it is', 'incoming/prod/main.json', 'incoming/prod/main.json'],
  ])('decodes %s', (_case, raw, key) => {
    expect(decodeS3Key(raw)).toBe(key);
  });

  it('returns null when a percent escape is broken', () => {
    expect(decodeS3Key('incoming/prod/%E0%A4%A.json')).toBeNull();
  });
});

describe('encodeS3Key', () => {
  it.each([
    'incoming/prod/Main IVR.json',
    'incoming/prod/a+b.json',
    'incoming/prod/Café – menü 😀.json',
    'incoming/prod/100% (final).json',
    'incoming/prod/sub folder/flow.json',
  ])('gives back %s through decodeS3Key', (key) => {
    expect(decodeS3Key(encodeS3Key(key))).toBe(key);
  });

  it('writes spaces as plus signs and plus signs as %2B when encoding', () => {
    expect(encodeS3Key('incoming/prod/a b+c.json')).toBe('incoming/prod/a+b%2Bc.json');
  });
});

describe('dropTargetOf', () => {
  it.each([
    ['incoming/prod/main.json', { env: 'prod', path: 'main.json' }],
    ['incoming/test/team a/flows.zip', { env: 'test', path: 'team a/flows.zip' }],
  ])('finds the environment and path of %s', (key, target) => {
    expect(dropTargetOf(key)).toEqual(target);
  });

  it.each([
    ['a key outside incoming/', 'exports/prod/main.json'],
    ['a key without an environment folder', 'incoming/main.json'],
    ['a folder marker', 'incoming/prod/'],
    ['a nested folder marker', 'incoming/prod/sub/'],
    ['an empty environment', 'incoming//main.json'],
  ])('returns null for %s', (_case, key) => {
    expect(dropTargetOf(key)).toBeNull();
  });
});

describe('safeParseS3Record', () => {
  it('reads bucket, the key as sent, size and identity when the record is an S3 put', () => {
    const parsed = safeParseS3Record(s3Record('incoming/prod/a+b.json', { size: 12, eTag: 'e1' }));
    expect(parsed).toEqual({
      ok: true,
      record: {
        eventName: 'ObjectCreated:Put',
        bucket: 'flowgate-drops',
        rawKey: 'incoming/prod/a%2Bb.json',
        size: 12,
        identity: 'e1',
        versionId: null,
      },
    });
  });

  it('takes the version id as identity when the bucket is versioned', () => {
    const parsed = safeParseS3Record(s3Record('incoming/prod/a.json', { versionId: 'v7', eTag: 'e1' }));
    expect(parsed.ok && parsed.record.identity).toBe('v7');
  });

  it('refuses a record without an object key', () => {
    const record = s3Record('incoming/prod/a.json');
    const parsed = safeParseS3Record({ ...record, s3: { bucket: { name: 'b' }, object: { size: 1 } } });
    expect(parsed.ok).toBe(false);
  });
});

describe('s3EventRecords', () => {
  it('returns no records when the event is an S3 test event', () => {
    expect(s3EventRecords({ Service: 'Amazon S3', Event: 's3:TestEvent', Bucket: 'b' })).toEqual([]);
  });
});
