import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { readWebhookBody, WebhookBodyError } from '../../app/requestBody.js';

const encoder = new TextEncoder();
const hints = { contentType: 'application/json', fileName: 'main.json' };

function refusal(body: Uint8Array): WebhookBodyError {
  try {
    readWebhookBody(body, hints);
  } catch (error) {
    if (error instanceof WebhookBodyError) return error;
    throw error;
  }
  throw new Error('the body was read');
}

describe('readWebhookBody', () => {
  it('gives the body as one file named by the hints when it is a single JSON document', () => {
    const body = encoder.encode('{"Version":"2019-10-30","Actions":[]}');

    expect(readWebhookBody(body, hints)).toEqual([{ name: 'main.json', bytes: body }]);
  });

  it('gives text content as it was sent when a manifest file holds a string', () => {
    const body = encoder.encode(JSON.stringify({ files: [{ name: 'a.json', content: '{ "x": 1 }' }] }));

    const [file] = readWebhookBody(body, hints);

    expect(new TextDecoder().decode(file?.bytes)).toBe('{ "x": 1 }');
  });

  it('refuses with 400 zip-unsafe-path when an archive entry climbs out of its folder', () => {
    const zip = zipSync({ '../escape.json': encoder.encode('{}') });

    expect([refusal(zip).status, refusal(zip).code]).toEqual([400, 'zip-unsafe-path']);
  });

  it('refuses with 400 no-flow-files when an archive holds no flow file', () => {
    const zip = zipSync({ 'notes.txt': encoder.encode('hello') });

    expect(refusal(zip).code).toBe('no-flow-files');
  });

  it('refuses with 400 naming the line when the JSON is broken', () => {
    const error = refusal(encoder.encode('{\n  "Version": \n}'));

    expect([error.status, error.message]).toEqual([400, expect.stringContaining('line 3')]);
  });
});
