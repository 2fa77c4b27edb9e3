import { z } from 'zod';
import type { FlowContent } from '../core/flow.js';
import { isJsonObject, type Json, type JsonObject } from '../core/json.js';

/** A point on the designer's canvas. */
export interface Point {
  readonly x: number;
  readonly y: number;
}

// Exports write numbers; hand-edited and templated files sometimes write them as strings.
const coordinate = z.union([z.number(), z.string().trim().min(1).pipe(z.coerce.number())]).pipe(z.number());

// Real exports spell it `position: {x, y}`; the AWS documentation example `Position: {X, Y}`.
const pointSchema = z.union([
  z.object({ x: coordinate, y: coordinate }),
  z.object({ X: coordinate, Y: coordinate }).transform((p) => ({ x: p.X, y: p.Y })),
]);

/**
 * Each action's `Metadata.ActionMetadata` entry by action id (either casing of the key). Entries
 * that are not objects are left out: metadata is display state, never worth failing over.
 */
export function actionMetadataById(content: FlowContent): ReadonlyMap<string, JsonObject> {
  const metadata = content.Metadata;
  const entries = metadata === undefined ? undefined : (metadata.ActionMetadata ?? metadata.actionMetadata);
  const byId = new Map<string, JsonObject>();
  if (!isJsonObject(entries)) return byId;
  for (const [id, entry] of Object.entries(entries)) {
    if (isJsonObject(entry)) byId.set(id, entry);
  }
  return byId;
}

/** Where the designer put a block (`position` or `Position`), or `null` when it does not say. */
export function positionOf(entry: JsonObject | undefined): Point | null {
  if (entry === undefined) return null;
  return readPoint(entry.position ?? entry.Position);
}

/** Where the designer put the entry point (`entryPointPosition`, either casing), or `null`. */
export function entryPointOf(content: FlowContent): Point | null {
  const metadata = content.Metadata;
  if (metadata === undefined) return null;
  return readPoint(metadata.entryPointPosition ?? metadata.EntryPointPosition);
}

function readPoint(value: Json | undefined): Point | null {
  const parsed = pointSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}
