import type { ServiceDeps } from '../deps.js';
import { sha256 } from '../versions/hash.js';
import type { PublishRequest } from '../versions/types.js';

/**
 * How long a recorded write intent is recognised. An approved request never expires, but a run
 * that died is resumed within minutes or days; past this, a target holding that content is
 * treated as any other change (refused as drift), which is safe.
 */
export const WRITE_INTENT_MS = 30 * 24 * 3_600_000;

function intentKey(request: PublishRequest, content: string): string {
  return `publish-write:${request.id}:${sha256(content)}`;
}

/**
 * Records, before a contact-center write, that this request is about to write exactly `content`:
 * if the process dies after the write but before it is recorded, resuming the request finds the
 * target holding content flowgate wrote itself, not a change made outside it.
 */
export async function recordWriteIntent(
  deps: ServiceDeps,
  request: PublishRequest,
  content: string,
): Promise<void> {
  const until = new Date(deps.clock.now().getTime() + WRITE_INTENT_MS).toISOString();
  // False means an earlier run of this request recorded the same intent: it stands as it is.
  await deps.claims.claimOnce(intentKey(request, content), until);
}

/** True when an earlier run of `request` recorded that it would write exactly `content`. */
export function wroteEarlier(deps: ServiceDeps, request: PublishRequest, content: string): Promise<boolean> {
  return deps.claims.hasClaim(intentKey(request, content));
}
