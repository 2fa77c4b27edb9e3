import { environmentOf } from '../access.js';
import type { Actor } from '../config.js';
import type { ServiceDeps } from '../deps.js';
import { ServiceError } from '../errors.js';
import type { PublishOutcome } from '../publish/publishOutcome.js';
import type { PublishRequest } from '../versions/types.js';
import type { ImportResult } from './importFlows.js';
import { publishApproved } from './publishApproved.js';
import { requestPublish } from './requestPublish.js';

/** What auto-publishing an import (an S3 drop, a webhook) did. */
export interface AutoPublishResult {
  /** The requests made, one per version the drop created. */
  readonly requests: readonly PublishRequest[];
  /** Publishing the approved ones as one batch; null when none was approved (approval required). */
  readonly outcome: PublishOutcome | null;
  /** Why a flow was not requested, or the batch not published (the service's refusals). */
  readonly problems: readonly string[];
}

/**
 * Where the environment says `approval.autoPublish`, requests publishing of every version an
 * unattended import (an S3 drop, a CI webhook) created, as its actor (an editor), and publishes the approved ones as one batch
 * (dependencies first). It never bypasses four eyes: where approval is required the requests
 * stay pending for a publisher. Returns null where `autoPublish` is off. A flow that cannot be
 * published (errors, unresolved required references) is named in `problems`, not thrown.
 */
export async function autoPublish(
  service: ServiceDeps,
  result: ImportResult,
  actor: Actor,
): Promise<AutoPublishResult | null> {
  if (!environmentOf(service.config, result.env).approval.autoPublish) return null;
  const requests: PublishRequest[] = [];
  const problems: string[] = [];
  for (const flow of result.flows) {
    if (!flow.created || flow.version === null) continue;
    const { version } = flow;
    try {
      requests.push(
        await requestPublish(service, {
          env: result.env,
          flow: version.flowKey,
          version: version.number,
          actor,
        }),
      );
    } catch (error) {
      problems.push(refusal(error));
    }
  }
  const approved = requests.filter((r) => r.state === 'approved').map((r) => r.id);
  if (approved.length === 0) return { requests, outcome: null, problems };
  try {
    const outcome = await publishApproved(service, { ids: approved, actor });
    return { requests, outcome, problems };
  } catch (error) {
    return { requests, outcome: null, problems: [...problems, refusal(error)] };
  }
}

function refusal(error: unknown): string {
  if (error instanceof ServiceError) return error.message;
  throw error;
}
