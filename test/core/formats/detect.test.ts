import { describe, expect, it } from 'vitest';
import { detectFormat } from '../../../core/formats/detect.js';

describe('detectFormat', () => {
  it.each([
    [{ Version: '2019-10-30', StartAction: 'a', Actions: [] }, 'flow-language'],
    [{ Actions: [] }, 'flow-language'],
    [{ StartAction: 'a' }, 'flow-language'],
    [{ modules: [], version: '1' }, 'legacy'],
    [{ ContactFlow: { Content: '{}' }, ResponseMetadata: {} }, 'describe-contact-flow'],
    [{ ContactFlowModule: { Content: '{}' } }, 'describe-contact-flow-module'],
    [{ Name: 'x', Content: '{}' }, 'wrapper'],
    [{ Name: 'x', Content: { Actions: [] } }, 'wrapper'],
    [{ Version: '2019-10-30' }, null],
    [{ ContactFlow: 'x' }, null],
    [{}, null],
    [[], null],
    ['text', null],
    [null, null],
  ])('detects %j as %s', (doc, format) => {
    expect(detectFormat(doc)).toBe(format);
  });
});
