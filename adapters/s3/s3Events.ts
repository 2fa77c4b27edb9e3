import { z } from 'zod';

/**
 * S3 event notification records (`{ Records: [...] }`, as S3 sends them to Lambda and s3rver
 * emits them), parsed at the boundary. Only the fields flowgate uses are read; the rest pass.
 */

const recordSchema = z.object({
  eventName: z.string().min(1),
  s3: z.object({
    bucket: z.object({ name: z.string().min(1) }),
    object: z
      .object({
        /** URL-encoded: `+` for a space, `%XX` for the UTF-8 bytes of anything else. */
        key: z.string().min(1),
        /** Absent on removals. */
        size: z.number().int().nonnegative().optional(),
        versionId: z.string().min(1).optional(),
        eTag: z.string().min(1).optional(),
        sequencer: z.string().min(1).optional(),
      })
      .refine((o) => o.versionId !== undefined || o.eTag !== undefined || o.sequencer !== undefined, {
        message: 'an object record names its version, eTag or sequencer',
      }),
  }),
});

const eventSchema = z.object({ Records: z.array(z.unknown()) });

/** One S3 event record, the key still as S3 sent it (encoded). */
export interface S3ObjectRecord {
  readonly eventName: string;
  readonly bucket: string;
  readonly rawKey: string;
  readonly size: number | null;
  /** What tells this version of the object from others: `versionId ?? eTag ?? sequencer`. */
  readonly identity: string;
  /** Present on versioned buckets: read exactly the version the event is about. */
  readonly versionId: string | null;
}

/** A record that parsed, or why it did not. */
export type S3RecordParse =
  | { readonly ok: true; readonly record: S3ObjectRecord }
  | { readonly ok: false; readonly problem: string };

/** Parses one record; never throws. */
export function safeParseS3Record(value: unknown): S3RecordParse {
  const parsed = recordSchema.safeParse(value);
  if (!parsed.success) {
    const problem = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    return { ok: false, problem: `not an S3 object event record (${problem})` };
  }
  const { eventName, s3 } = parsed.data;
  const { key, size, versionId, eTag, sequencer } = s3.object;
  return {
    ok: true,
    record: {
      eventName,
      bucket: s3.bucket.name,
      rawKey: key,
      size: size ?? null,
      identity: versionId ?? eTag ?? sequencer ?? '',
      versionId: versionId ?? null,
    },
  };
}

/** The records of an S3 notification; an S3 test event (no `Records`) has none. */
export function s3EventRecords(event: unknown): readonly unknown[] {
  const parsed = eventSchema.safeParse(event);
  return parsed.success ? parsed.data.Records : [];
}

/** True for `ObjectCreated:Put`, `:Post`, `:Copy`, `:CompleteMultipartUpload`. */
export function isObjectCreated(record: S3ObjectRecord): boolean {
  return record.eventName.startsWith('ObjectCreated:');
}

/**
 * The object key an event names: S3 URL-encodes keys in notifications like a form (`+` for a
 * space, so a real `+` arrives as `%2B`). Null when the encoding is broken (a lone `%`).
 */
export function decodeS3Key(rawKey: string): string | null {
  try {
    return decodeURIComponent(rawKey.replace(/\+/g, ' '));
  } catch {
    return null;
  }
}

/** A key encoded the way S3 encodes it in notifications; `decodeS3Key` gives it back. */
export function encodeS3Key(key: string): string {
  return key
    .split('/')
    .map((segment) => encodeURIComponent(segment).replace(/%20/g, '+'))
    .join('/');
}

/** Where a drop goes: `incoming/<env>/<path>` → the environment and the path below it. */
export interface DropTarget {
  readonly env: string;
  readonly path: string;
}

/** Where drops are put (the bucket notification's prefix in serverless.yml). */
export const INCOMING_PREFIX = 'incoming/';

/** The environment and path of a key under `incoming/<env>/`, or null for any other key (or a folder marker). */
export function dropTargetOf(key: string): DropTarget | null {
  if (!key.startsWith(INCOMING_PREFIX)) return null;
  const rest = key.slice(INCOMING_PREFIX.length);
  const slash = rest.indexOf('/');
  if (slash <= 0) return null;
  const path = rest.slice(slash + 1);
  if (path === '' || path.endsWith('/')) return null;
  return { env: rest.slice(0, slash), path };
}
