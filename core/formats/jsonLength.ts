import { isJsonObject } from '../json.js';

/** Bounds on `JSON.stringify(value).length`. */
export interface LengthBounds {
  readonly min: number;
  readonly max: number;
}

/**
 * Bounds on `JSON.stringify(value).length`, found without reading any string's characters: a
 * string takes between its length and six times its length (every character escaped as
 * `\uXXXX`), plus quotes. On a 1 MB flow this is far cheaper than serialising, and it settles
 * the 256,000-character limit for all but flows near it.
 */
export function compactJsonLengthBounds(value: unknown, stopAbove = Number.POSITIVE_INFINITY): LengthBounds {
  const bounds = { min: 0, max: 0, stopAbove };
  addLength(value, bounds);
  return bounds;
}

/**
 * With `stopAbove`, the walk stops once the lower bound passes it: `min` is then a lower bound
 * of the whole (and `max` of nothing), enough to prove a limit is exceeded without walking the
 * rest of a large document.
 */
interface Bounds {
  min: number;
  max: number;
  readonly stopAbove: number;
}

function addLength(value: unknown, bounds: Bounds): void {
  if (bounds.min > bounds.stopAbove) return;
  if (typeof value === 'string') addString(value, bounds);
  else if (Array.isArray(value)) {
    addStructure(value.length, bounds);
    for (const item of value) addLength(item, bounds);
  } else if (isJsonObject(value)) {
    const keys = Object.keys(value);
    // Braces, commas and one colon per member.
    addStructure(keys.length, bounds);
    addFixed(keys.length, bounds);
    for (const key of keys) {
      addString(key, bounds);
      addLength(value[key], bounds);
    }
  } else addFixed(scalarLength(value), bounds);
}

function addString(text: string, bounds: Bounds): void {
  bounds.min += text.length + 2;
  bounds.max += text.length * 6 + 2;
}

function addStructure(members: number, bounds: Bounds): void {
  addFixed(members === 0 ? 2 : members + 1, bounds);
}

function addFixed(length: number, bounds: Bounds): void {
  bounds.min += length;
  bounds.max += length;
}

function scalarLength(value: unknown): number {
  if (typeof value === 'number') return Number.isFinite(value) ? String(value).length : 4;
  if (typeof value === 'boolean') return value ? 4 : 5;
  return 4;
}
