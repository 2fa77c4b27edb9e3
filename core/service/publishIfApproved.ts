import type { Actor } from '../config.js';
import type { ServiceDeps } from '../deps.js';
import type { PublishOutcome } from '../publish/publishOutcome.js';
import type { PublishRequest } from '../versions/types.js';
import { publishApproved } from './publishApproved.js';

/** A request just made, as it stands after {@link publishIfApproved}. */
export interface SubmittedRequest {
  /** The request as stored now: `published` or `failed` once published, else as it was made. */
  readonly request: PublishRequest;
  /** What publishing did; null when the request waits for a publisher's approval. */
  readonly outcome: PublishOutcome | null;
}

/**
 * Publishes a request made a moment ago (by `requestPublish` or `rollbackFlow`) at once when it
 * needs no approval (the environment requires none, so it was approved when made); a pending
 * request is left for a publisher. Every entry point that asks to publish ends here, so "no
 * approval needed" means the same everywhere.
 */
export async function publishIfApproved(
  deps: ServiceDeps,
  request: PublishRequest,
  actor: Actor,
): Promise<SubmittedRequest> {
  if (request.state !== 'approved') return { request, outcome: null };
  const outcome = await publishApproved(deps, { ids: [request.id], actor });
  return { request: (await deps.requests.getRequest(request.id)) ?? request, outcome };
}
