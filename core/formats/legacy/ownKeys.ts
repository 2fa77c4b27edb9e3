/*
 * Legacy files are user data: a status, key or id may be spelled `constructor` or `__proto__`.
 * Plain `table[key]` would find Object.prototype members and `obj[key] = v` would replace a
 * prototype, so lookups and writes keyed by file content go through these two helpers.
 */

/** `table[key]` when `key` is the table's own entry, else undefined. */
export function lookup<T>(table: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined;
}

/** Sets `target[key] = value` as an own data property, whatever `key` is. */
export function setOwn<T>(target: Record<string, T>, key: string, value: NoInfer<T>): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}
