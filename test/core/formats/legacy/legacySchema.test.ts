import { describe, expect, it } from 'vitest';
import { legacyLabel, safeParseLegacyDocument } from '../../../../core/formats/legacy/legacySchema.js';
import { legacyFixture, moduleOf } from './legacyKit.js';

describe('safeParseLegacyDocument', () => {
  it('accepts a console export', () => {
    expect(safeParseLegacyDocument(legacyFixture('inbound-all-blocks')).ok).toBe(true);
  });

  it('accepts numbers, booleans and null as parameter values', () => {
    const doc = legacyFixture('customer-queue');
    moduleOf(doc, 'offer-callback').parameters = [
      { name: 'A', value: 6 },
      { name: 'B', value: false },
      { name: 'C', value: null },
    ];

    expect(safeParseLegacyDocument(doc).ok).toBe(true);
  });

  it('accepts a parameter without value, namespace or resourceName', () => {
    const doc = legacyFixture('customer-queue');
    moduleOf(doc, 'offer-callback').parameters = [{ name: 'AudioPrompt' }];

    expect(safeParseLegacyDocument(doc).ok).toBe(true);
  });

  it('accepts missing metadata on the document and on a module', () => {
    const doc = legacyFixture('customer-queue');
    delete doc.metadata;
    moduleOf(doc, 'resume').metadata = null;

    expect(safeParseLegacyDocument(doc).ok).toBe(true);
  });

  it('keeps keys it does not know so they can be reported', () => {
    const doc = legacyFixture('customer-queue');
    moduleOf(doc, 'resume').note = 'kept';

    const result = safeParseLegacyDocument(doc);

    expect(result.ok && result.document.modules[2]).toMatchObject({ note: 'kept' });
  });

  it('names the path of each problem when the document does not fit', () => {
    const doc = legacyFixture('customer-queue');
    (doc.modules[0] as { branches: unknown }).branches = 'none';

    const result = safeParseLegacyDocument(doc);

    expect(result.ok).toBe(false);
    expect(!result.ok && result.problems[0]).toMatch(/^modules\[0\]\.branches: /);
  });

  it('rejects a document without start', () => {
    const doc = legacyFixture('customer-queue') as { start?: string };
    delete doc.start;

    expect(safeParseLegacyDocument(doc).ok).toBe(false);
  });
});

describe('legacyLabel', () => {
  it('joins type and target', () => {
    expect(legacyLabel({ id: 'a', type: 'Transfer', target: 'Queue' })).toBe('Transfer/Queue');
  });

  it('is the type alone when there is no target', () => {
    expect(legacyLabel({ id: 'a', type: 'Disconnect', target: null })).toBe('Disconnect');
  });
});
