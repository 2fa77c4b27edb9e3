import type { ServiceDeps } from '../deps.js';
import { ServiceError } from '../errors.js';
import { flowLabel } from '../versions/flowKey.js';
import { describeRequestState } from '../versions/requests.js';
import type { PublishRequest } from '../versions/types.js';

/** The request, or `ServiceError('not-found')`. */
export async function loadRequest(deps: ServiceDeps, id: string): Promise<PublishRequest> {
  const request = await deps.requests.getRequest(id);
  if (request !== null) return request;
  throw new ServiceError('not-found', `There is no publish request '${id}'.`);
}

/** `ServiceError('invalid-state')` saying what happened to the request and who decided it. */
export function invalidState(
  request: PublishRequest,
  doing: 'approve' | 'reject' | 'publish',
  approvers: readonly string[] = [],
): ServiceError {
  return new ServiceError(
    'invalid-state',
    `Cannot ${doing} request ${request.id} (${flowLabel(request.flowKey)} v${request.version} in ${request.env}): it ${describeRequestState(request)}.`,
    { facts: { kind: 'request', doing, request, approvers } },
  );
}

/**
 * After a conditional transition lost (it returned null), the error that says why: re-reads the
 * request, since someone else decided it or it expired in the meantime.
 */
export async function lostTransition(
  deps: ServiceDeps,
  request: PublishRequest,
  doing: 'approve' | 'reject' | 'publish',
): Promise<ServiceError> {
  const now = await deps.requests.getRequest(request.id);
  return invalidState(now ?? request, doing);
}
