import { describe, expect, it } from 'vitest';
import { parseJobMessage, serializeJob } from '../../../adapters/sqs/jobMessage.js';

describe('serializeJob', () => {
  it('round-trips through parseJobMessage when the payload has non-ASCII text', () => {
    const job = { kind: 'command', key: 'cmd:1', payload: { text: '/flow import Ürün akışı' } };

    expect(parseJobMessage(serializeJob(job))).toEqual(job);
  });
});

describe('parseJobMessage', () => {
  it.each([
    ['the body is not JSON', 'not json'],
    ['the key is missing', '{"kind":"command","payload":{}}'],
    ['the payload is not an object', '{"kind":"command","key":"k","payload":[]}'],
  ])('throws invalid-job when %s', (_case, body) => {
    expect(() => parseJobMessage(body)).toThrow(expect.objectContaining({ code: 'invalid-job' }));
  });
});
