import { isJsonObject, type JsonPath } from '../../../core/json.js';

/**
 * Every path where `after` differs from `before`: changed leaves, added and removed keys, and
 * arrays of different length (reported at the array). Identical subtrees (same reference) are
 * skipped, so a structurally shared re-target is cheap to compare.
 */
export function diffPaths(before: unknown, after: unknown, at: JsonPath = []): JsonPath[] {
  if (Object.is(before, after)) return [];
  if (Array.isArray(before) && Array.isArray(after)) {
    if (before.length !== after.length) return [at];
    return before.flatMap((item: unknown, i) => diffPaths(item, after[i], [...at, i]));
  }
  if (isJsonObject(before) && isJsonObject(after)) {
    const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
    return [...keys].flatMap((key) =>
      Object.hasOwn(before, key) && Object.hasOwn(after, key)
        ? diffPaths(before[key], after[key], [...at, key])
        : [[...at, key]],
    );
  }
  return [at];
}

/** Freezes a parsed JSON document all the way down, so any write to it throws in strict mode. */
export function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}
