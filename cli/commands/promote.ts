import { type PromoteResult, promoteFlows } from '../../core/service/promoteFlows.js';
import { type PullResult, pullFlows } from '../../core/service/pullFlows.js';
import { type CliIo, EXIT } from '../io.js';
import { renderPromote, renderPull } from '../renderStore.js';
import type { Runtime } from '../runtime.js';
import type { OutputOptions } from './history.js';

/** Progress goes to standard error, so `--json` output stays one object. */
function progressTo(io: CliIo): (message: string) => void {
  return (message) => io.stderr(`${message}\n`);
}

/**
 * `flowgate pull --env <source> [--flow <name or glob>]... [--saved]`: the source instance's flows
 * and modules stored as versions of the source; exit 1 when one could not be stored.
 */
export async function runPull(
  rt: Runtime,
  args: { env: string; flows: readonly string[]; saved: boolean },
  options: OutputOptions,
  io: CliIo,
): Promise<number> {
  const result = await pullFlows(rt.deps, {
    env: args.env,
    flows: args.flows,
    saved: args.saved,
    actor: rt.actor,
    progress: progressTo(io),
  });
  io.stdout(options.json ? `${JSON.stringify(pullJson(result), null, 2)}\n` : renderPull(result, io.color));
  return result.flows.every((f) => f.version !== null) ? EXIT.ok : EXIT.findings;
}

/**
 * `flowgate promote <flow>... | --all --from <source> --to <target>`: what is live in the source,
 * re-resolved in the target, stored there and put to one approval; exit 1 when something changes
 * but no request could be opened (a flow that cannot be published).
 */
export async function runPromote(
  rt: Runtime,
  args: { from: string; to: string; flows: readonly string[]; all: boolean },
  options: OutputOptions,
  io: CliIo,
): Promise<number> {
  const result = await promoteFlows(rt.deps, { ...args, actor: rt.actor, progress: progressTo(io) });
  io.stdout(
    options.json
      ? `${JSON.stringify(promoteJson(result), null, 2)}\n`
      : renderPromote(result, io.color, rt.actor.id),
  );
  const failed =
    result.refused !== null ||
    result.alreadyRequested !== null ||
    result.flows.some((f) => f.change === 'not-stored');
  return failed ? EXIT.findings : EXIT.ok;
}

/** `pull --json`: each flow with the version that holds it (numbers, not the content). */
function pullJson(result: PullResult) {
  return {
    env: result.env,
    saved: result.saved,
    flows: result.flows.map((f) => ({
      name: f.name,
      kind: f.kind,
      arn: f.arn,
      flow: f.flowKey,
      version: f.version?.number ?? null,
      created: f.created,
      diagnostics: f.diagnostics,
    })),
    notPublished: result.notPublished,
  };
}

/** `promote --json`: what changes in the target, flow by flow, and the batch's request. */
function promoteJson(result: PromoteResult) {
  return {
    from: result.from,
    to: result.to,
    flows: result.flows.map((f) => ({
      name: f.name,
      kind: f.kind,
      change: f.change,
      sourceVersion: f.sourceVersion,
      version: f.version?.number ?? null,
      diff: f.diff,
      diagnostics: f.diagnostics,
    })),
    request:
      result.request === null
        ? null
        : {
            id: result.request.lead.id,
            state: result.request.lead.state,
            expiresAt: result.request.lead.expiresAt,
            members: result.request.members.map((m) => ({ id: m.id, flow: m.flowKey, version: m.version })),
          },
    refused: result.refused,
    alreadyRequested:
      result.alreadyRequested === null
        ? null
        : {
            id: result.alreadyRequested.request.id,
            flow: result.alreadyRequested.name,
            version: result.alreadyRequested.request.version,
            requester: result.alreadyRequested.request.requester,
            state: result.alreadyRequested.request.state,
          },
    notPublished: result.notPublished,
  };
}
