import { z } from 'zod';
import type { FileStore } from '../core/ports.js';
import { getJson, putJson } from './jsonFiles.js';

/** A deferred import's record: pending until the work is done, then the answer it would have given. */
export type WebhookStatus =
  | { readonly id: string; readonly env: string; readonly state: 'pending'; readonly acceptedAt: string }
  | {
      readonly id: string;
      readonly env: string;
      readonly state: 'done';
      readonly acceptedAt: string;
      readonly finishedAt: string;
      /** What the synchronous answer would have been (200, 422, 400, 403…). */
      readonly statusCode: number;
      readonly body: unknown;
    };

const statusSchema = z.discriminatedUnion('state', [
  z.object({ id: z.string(), env: z.string(), state: z.literal('pending'), acceptedAt: z.string() }),
  z.object({
    id: z.string(),
    env: z.string(),
    state: z.literal('done'),
    acceptedAt: z.string(),
    finishedAt: z.string(),
    statusCode: z.number().int().min(100).max(599),
    body: z.unknown(),
  }),
]);

/** Status ids are UUIDs: anything else is not looked up (it would be a key we never wrote). */
const STATUS_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** True when `id` could be a status id. */
export function isStatusId(id: string): boolean {
  return STATUS_ID.test(id);
}

/** Where a deferred import's status is kept in the FileStore. */
export function statusKey(id: string): string {
  return `webhook/status/${id}.json`;
}

/** Where a deferred import's request body waits for the worker. */
export function inputKey(id: string): string {
  return `webhook/input/${id}`;
}

/** The path a client polls for a deferred import's result. */
export function statusPath(id: string): string {
  return `/webhooks/flows/status/${id}`;
}

/** Stores a deferred import's status (replacing the previous one). */
export async function saveStatus(files: FileStore, status: WebhookStatus): Promise<void> {
  await putJson(files, statusKey(status.id), status);
}

/** A deferred import's status, or null when there is none (or what is stored is not one). */
export async function loadStatus(files: FileStore, id: string): Promise<WebhookStatus | null> {
  return getJson<WebhookStatus>(files, statusKey(id), statusSchema);
}
