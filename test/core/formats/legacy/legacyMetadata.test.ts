import { describe, expect, it } from 'vitest';
import { actionMetadata, flowMetadata } from '../../../../core/formats/legacy/legacyMetadata.js';
import type { LegacyDocument, LegacyModule } from '../../../../core/formats/legacy/legacySchema.js';
import { actionMetadataOf, convertOk, legacyFixture } from './legacyKit.js';

function module(metadata: LegacyModule['metadata']): LegacyModule {
  return { id: 'a', type: 'SetQueue', branches: [], parameters: [], metadata };
}

function document(metadata: LegacyDocument['metadata'], type: string | null = 'contactFlow'): LegacyDocument {
  return { modules: [], start: 'a', type, metadata };
}

describe('actionMetadata', () => {
  it('keeps the legacy position and display keys exactly', () => {
    const legacy = {
      position: { x: 171.25, y: 93.6 },
      useDynamic: false,
      queue: { id: 'q-1', text: 'Sales' },
    };

    expect(actionMetadata(module(legacy), [])).toEqual(legacy);
  });

  it('writes display names under parameters', () => {
    const result = actionMetadata(module({ position: { x: 1, y: 2 } }), [
      { path: ['QueueId'], name: 'Sales' },
    ]);

    expect(result).toEqual({ position: { x: 1, y: 2 }, parameters: { QueueId: { displayName: 'Sales' } } });
  });

  it('merges display names into parameters the legacy metadata already has', () => {
    const legacy = { parameters: { QueueId: { useDynamic: false } } };

    const result = actionMetadata(module(legacy), [{ path: ['QueueId'], name: 'Sales' }]);

    expect(result.parameters).toEqual({ QueueId: { useDynamic: false, displayName: 'Sales' } });
  });

  it('pads arrays with empty objects when a display name sits at a later index', () => {
    const result = actionMetadata(module(null), [{ path: ['Messages', 2, 'PromptId'], name: 'Hold.wav' }]);

    expect(result).toEqual({ parameters: { Messages: [{}, {}, { PromptId: { displayName: 'Hold.wav' } }] } });
  });

  it('gives an empty object when the module has no metadata', () => {
    expect(actionMetadata(module(null), [])).toEqual({});
  });

  it('does not share objects with the legacy module', () => {
    const legacy = { position: { x: 1, y: 2 } };

    const result = actionMetadata(module(legacy), []);

    expect(result.position).not.toBe(legacy.position);
  });
});

describe('flowMetadata', () => {
  it('carries entryPointPosition, snapToGrid, name, description, type, status and hash', () => {
    const legacy = {
      entryPointPosition: { x: 15, y: 20 },
      snapToGrid: false,
      name: 'Main',
      description: null,
      type: 'contactFlow',
      status: 'saved',
      hash: 'ab12',
    };

    expect(flowMetadata(document(legacy), { a: {} })).toEqual({ ...legacy, ActionMetadata: { a: {} } });
  });

  it('keeps other legacy metadata keys, the Flow Language Metadata being free-form', () => {
    expect(flowMetadata(document({ owner: 'ops' }, null), {})).toEqual({ ActionMetadata: {}, owner: 'ops' });
  });

  it('uses the document type when the legacy metadata has none', () => {
    expect(flowMetadata(document(null, 'customerQueue'), {}).type).toBe('customerQueue');
  });
});

describe('flowMetadata on a converted fixture', () => {
  it('puts every module under ActionMetadata', () => {
    const doc = legacyFixture('deprecated-modules');

    const { content } = convertOk(doc);

    for (const m of doc.modules)
      expect(actionMetadataOf(content, m.id).position).toEqual(m.metadata?.position);
  });
});
