import { z } from 'zod';
import { JOB_LIMITS } from '../../../../app/jobs.js';

/** A Slack id (user, team, view) as a job may carry it. */
export const slackId = z.string().min(1).max(JOB_LIMITS.id);

/**
 * What every modal's `view_submission` holds that flowgate reads: who submitted, where, and the
 * view's metadata and input values (each modal parses its own inputs from `state.values`).
 */
export const viewSubmission = z.object({
  user: z.object({ id: slackId }),
  team: z.object({ id: slackId }).nullable().optional(),
  view: z.object({
    id: slackId,
    private_metadata: z.string(),
    state: z.object({ values: z.record(z.string(), z.record(z.string(), z.unknown())) }),
  }),
});
