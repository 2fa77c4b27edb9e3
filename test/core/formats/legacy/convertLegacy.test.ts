import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { convertLegacy, isLegacyDocument } from '../../../../core/formats/legacy/convertLegacy.js';
import type { JsonObject } from '../../../../core/json.js';
import { corpusDir, corpusFiles } from '../../../fixtures.js';
import {
  actionMetadataOf,
  actionOf,
  convert,
  convertOk,
  danglingTargets,
  legacyFixture,
  moduleOf,
} from './legacyKit.js';

const FIXTURES = ['inbound-all-blocks', 'customer-queue', 'deprecated-modules'];

describe('isLegacyDocument', () => {
  it('is true when the document has a modules array', () => {
    expect(isLegacyDocument(legacyFixture('customer-queue'))).toBe(true);
  });

  it.each([
    ['a Flow Language document', { Version: '2019-10-30', StartAction: 'a', Actions: [] }],
    ['null', null],
    ['an array', []],
    ['modules that is not an array', { modules: {} }],
  ])('is false for %s', (_label, value) => {
    expect(isLegacyDocument(value)).toBe(false);
  });
});

describe('convertLegacy', () => {
  it.each(FIXTURES)('keeps every module id as an action Identifier when converting %s', (name) => {
    const doc = legacyFixture(name);

    const { content } = convertOk(doc);

    expect(content.Actions.map((a) => a.Identifier)).toEqual(doc.modules.map((m) => m.id));
  });

  it.each(FIXTURES)('leaves no transition pointing nowhere when converting %s', (name) => {
    const { content } = convertOk(legacyFixture(name));

    expect(danglingTargets(content)).toEqual([]);
  });

  it.each(FIXTURES)('reports nothing when converting the clean fixture %s', (name) => {
    const { diagnostics } = convertOk(legacyFixture(name));

    expect(diagnostics).toEqual([]);
  });

  it('writes the Flow Language version and the start module as StartAction', () => {
    const { content } = convertOk(legacyFixture('inbound-all-blocks'));

    expect(content.Version).toBe('2019-10-30');
    expect(content.StartAction).toBe('logging');
  });

  it('returns the flow type, name and description from the legacy document', () => {
    const result = convertOk(legacyFixture('inbound-all-blocks'));

    expect(result.type).toBe('CONTACT_FLOW');
    expect(result.name).toBe('Example Bank - Main');
    expect(result.description).toBe('Main inbound flow of the example bank.');
  });

  it('reads the type from metadata.type when the top-level type is missing', () => {
    const doc = legacyFixture('customer-queue');
    delete doc.type;

    expect(convertOk(doc).type).toBe('CUSTOMER_QUEUE');
  });

  it('returns null name, description and type when the legacy metadata is null', () => {
    const doc = legacyFixture('customer-queue');
    doc.metadata = null;
    doc.type = null;

    const result = convertOk(doc);

    expect([result.name, result.description, result.type]).toEqual([null, null, null]);
  });

  it('fails with unconvertible-module naming the type, target and id when the module type is unknown', () => {
    const doc = legacyFixture('inbound-all-blocks');
    moduleOf(doc, 'transfer-agent').target = 'Robot';

    const result = convert(doc);

    expect(result.ok).toBe(false);
    expect(result.diagnostics).toEqual([
      expect.objectContaining({ severity: 'error', code: 'unconvertible-module', action: 'transfer-agent' }),
    ]);
    expect(result.diagnostics[0]?.message).toContain('Transfer/Robot');
    expect(result.diagnostics[0]?.hint).toContain('flow designer');
  });

  it('reports one unconvertible-module per block when several cannot be converted', () => {
    const doc = legacyFixture('inbound-all-blocks');
    moduleOf(doc, 'voice').type = 'SetVoiceId';
    moduleOf(doc, 'hours').type = 'CheckVoiceId';

    const result = convert(doc);

    expect(result.diagnostics.filter((d) => d.code === 'unconvertible-module').map((d) => d.action)).toEqual([
      'voice',
      'hours',
    ]);
  });

  it('fails with legacy-unknown-branch when a connected branch is unknown for the type', () => {
    const doc = legacyFixture('inbound-all-blocks');
    moduleOf(doc, 'set-queue').branches.push({ condition: 'AtCapacity', transition: 'disconnect' });

    const result = convert(doc);

    expect(result.ok).toBe(false);
    expect(result.diagnostics).toContainEqual(
      expect.objectContaining({ severity: 'error', code: 'legacy-unknown-branch', action: 'set-queue' }),
    );
  });

  it('fails with legacy-start-missing when start names no module', () => {
    const doc = legacyFixture('customer-queue');
    doc.start = 'nowhere';

    const result = convert(doc);

    expect(result.ok).toBe(false);
    expect(result.diagnostics.map((d) => d.code)).toEqual(['legacy-start-missing']);
  });

  it('fails with legacy-duplicate-id when two modules share an id', () => {
    const doc = legacyFixture('customer-queue');
    moduleOf(doc, 'resume').id = 'offer-callback';

    const result = convert(doc);

    expect(result.diagnostics).toContainEqual(
      expect.objectContaining({ code: 'legacy-duplicate-id', action: 'offer-callback' }),
    );
  });

  it('fails with legacy-invalid-document naming the path when a module has no id', () => {
    const doc = legacyFixture('customer-queue');
    delete (doc.modules[1] as { id?: string }).id;

    const result = convert(doc, 'queue.json');

    expect(result.ok).toBe(false);
    expect(result.diagnostics[0]?.code).toBe('legacy-invalid-document');
    expect(result.diagnostics[0]?.message).toContain('modules[1].id');
    expect(result.diagnostics[0]?.message).toContain('queue.json');
  });

  it('warns legacy-field-dropped naming the key when the document has an unknown top-level key', () => {
    const doc = legacyFixture('customer-queue');
    doc.exportedBy = 'someone';

    const { diagnostics } = convertOk(doc);

    expect(diagnostics).toEqual([
      expect.objectContaining({ severity: 'warning', code: 'legacy-field-dropped' }),
    ]);
    expect(diagnostics[0]?.message).toContain('exportedBy');
  });

  it('warns legacy-field-dropped naming module and key when a module has an unknown key', () => {
    const doc = legacyFixture('customer-queue');
    moduleOf(doc, 'resume').color = 'blue';

    const { diagnostics } = convertOk(doc);

    expect(diagnostics).toEqual([
      expect.objectContaining({ code: 'legacy-field-dropped', action: 'resume', block: 'End flow / Resume' }),
    ]);
    expect(diagnostics[0]?.message).toContain('"color"');
  });

  it('warns legacy-field-dropped when a parameter has no place in the converted action', () => {
    const doc = legacyFixture('customer-queue');
    moduleOf(doc, 'offer-callback').parameters.push({ name: 'Volume', value: 11 });

    const { diagnostics } = convertOk(doc);

    expect(diagnostics).toEqual([
      expect.objectContaining({ code: 'legacy-field-dropped', action: 'offer-callback' }),
    ]);
    expect(diagnostics[0]?.message).toContain('Volume');
  });

  it('does not change the document it converts', () => {
    const doc = legacyFixture('inbound-all-blocks');
    const before = JSON.stringify(doc);

    convertOk(doc);

    expect(JSON.stringify(doc)).toBe(before);
  });

  it('keeps block positions exactly in ActionMetadata', () => {
    const { content } = convertOk(legacyFixture('inbound-all-blocks'));

    expect(actionMetadataOf(content, 'menu').position).toEqual({ x: 40, y: 420 });
  });
});

describe('convertLegacy on the corpus', () => {
  const legacyFiles = corpusFiles().filter((file) => {
    if (corpusDir === null) return false;
    return isLegacyDocument(JSON.parse(readFileSync(join(corpusDir, file), 'utf8')));
  });

  it('finds legacy files when the corpus is present', () => {
    // Without the corpus the suite must still pass; with it, the 23 public legacy files are there.
    expect(corpusDir === null || legacyFiles.length >= 23).toBe(true);
  });

  it.each(legacyFiles)('converts %s keeping ids, count, start and every transition', (file) => {
    const doc = JSON.parse(readFileSync(join(corpusDir ?? '', file), 'utf8')) as JsonObject & {
      modules: { id: string }[];
    };

    const result = convertLegacy(doc, file);

    if (!result.ok) throw new Error(JSON.stringify(result.diagnostics, null, 2));
    const ids = result.content.Actions.map((a) => a.Identifier);
    expect(ids).toEqual(doc.modules.map((m) => m.id));
    expect(ids).toContain(result.content.StartAction);
    expect(danglingTargets(result.content)).toEqual([]);
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });

  it.each(legacyFiles)('gives every action of %s its legacy position', (file) => {
    const doc = JSON.parse(readFileSync(join(corpusDir ?? '', file), 'utf8')) as {
      modules: { id: string; metadata?: { position?: unknown } | null }[];
    };

    const result = convertLegacy(doc as unknown as JsonObject, file);

    if (!result.ok) throw new Error('not converted');
    for (const module of doc.modules) {
      const meta = actionMetadataOf(result.content, module.id);
      expect(meta.position).toEqual(module.metadata?.position);
    }
  });
});

describe('convertLegacy terminal blocks', () => {
  it.each([
    ['disconnect', 'DisconnectParticipant'],
    ['transfer-agent', 'TransferContactToAgent'],
  ])('gives %s empty Transitions', (id, type) => {
    const { content } = convertOk(legacyFixture('inbound-all-blocks'));

    expect(actionOf(content, id)).toMatchObject({ Type: type, Transitions: {} });
  });
});
