import type { z } from 'zod';
import type { FileStore } from '../core/ports.js';

/** Stores `value` as JSON under `key` (replacing what was there). */
export async function putJson(files: FileStore, key: string, value: unknown): Promise<void> {
  await files.put(key, new TextEncoder().encode(JSON.stringify(value)), 'application/json');
}

/**
 * The JSON kept under `key`, checked by `schema`; null when there is none, or when what is kept
 * is not JSON of that shape (a record from an older release is treated as missing, not trusted).
 */
export async function getJson<T>(files: FileStore, key: string, schema: z.ZodType<T>): Promise<T | null> {
  const bytes = await files.get(key);
  if (bytes === null) return null;
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    return null;
  }
  const parsed = schema.safeParse(json);
  return parsed.success ? parsed.data : null;
}
