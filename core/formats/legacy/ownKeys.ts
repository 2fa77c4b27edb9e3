import type { Json, JsonObject } from '../../json.js';

/*
 * Legacy files are user data: a status, key or id may be spelled `constructor` or `__proto__`.
 * Plain `table[key]` would find Object.prototype members and `obj[key] = v` would replace a
 * prototype, so lookups and writes keyed by file content go through these two helpers.
 */

/** `table[key]` when `key` is the table's own entry, else undefined. */
export function lookup<T>(table: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined;
}

/**
 * Sets `target[key] = value` as an own data property, whatever `key` is. Only `__proto__` is an
 * accessor on a plain object, so only it is defined; every other key (even `constructor`, a
 * writable data property of the prototype) becomes an own property by assignment, which keeps
 * V8's fast object layout (defining each key made the legacy action metadata maps slow).
 */
export function setOwn<T>(target: Record<string, T>, key: string, value: NoInfer<T>): void {
  if (key === '__proto__') {
    Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  } else {
    target[key] = value;
  }
}

/**
 * A deep copy of a parsed JSON value, as `structuredClone` would make it (a `__proto__` key stays
 * an own entry) at a fraction of its cost on the small objects of legacy module metadata.
 */
export function copyJson(value: Json): Json {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return value.map(copyJson);
  // Array.isArray does not narrow a readonly array out of the union.
  const record = value as JsonObject;
  const copy: { [key: string]: Json } = {};
  for (const key of Object.keys(record)) setOwn(copy, key, copyJson(record[key] as Json));
  return copy;
}
