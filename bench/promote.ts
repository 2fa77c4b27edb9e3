/**
 * Promoting 300 flows (30 of them modules) between two Amazon Connect instances at Connect's rate,
 * through the real use cases: `promoteFlows --all` (which pulls from the source first) by one
 * person, then `approveRequest` by a second, whose publish engine creates the flows in the target.
 * A fake Connect enforces 2 requests a second with a burst of 5 (answering `ThrottlingException`,
 * as Connect does, when exceeded) in front of both instances, which share the account's quota and
 * the process's limiter, on a simulated clock, so minutes of pacing take seconds. The scenario
 * lives in test/contracts/promoteAtRate.ts, which `npm test` also runs at 40 flows.
 */
import { CONNECT_RATE, promoteAtRate } from '../test/contracts/promoteAtRate.js';

/** What {@link measurePromote} reports. */
export interface PromoteFigures {
  /** Simulated wall time divided by (calls ÷ 2 per second): 1.0 is exactly Connect's rate. */
  readonly promote_300_vs_rate_bound: number;
  /** Connect requests per promoted flow (every read and write, both instances, promote and approval). */
  readonly promote_calls_per_flow: number;
  /** Requests Connect refused for throttling (each attempt counts); the target is 0. */
  readonly promote_throttled: number;
  /** 1 when the promote or its approval did not complete, or the target lacks a promoted flow; the target is 0. */
  readonly promote_failed: number;
  readonly promote_simulated_seconds: number;
  readonly promote_calls: number;
}

const FLOWS = 300;
const MODULES = 30;

/** Promotes 300 flows (30 of them modules) from a seeded source into an empty target, and approves them. */
export async function measurePromote(): Promise<PromoteFigures> {
  const run = await promoteAtRate({ flows: FLOWS, modules: MODULES });
  if (run.failure !== null) console.error(`promote bench: ${run.failure}`);
  const failed = run.failure !== null || run.created.length !== FLOWS ? 1 : 0;
  return {
    promote_300_vs_rate_bound: Number((run.seconds / (run.calls / CONNECT_RATE)).toFixed(3)),
    promote_calls_per_flow: Number((run.calls / FLOWS).toFixed(3)),
    promote_throttled: run.throttled,
    promote_failed: failed,
    promote_simulated_seconds: Number(run.seconds.toFixed(1)),
    promote_calls: run.calls,
  };
}
