import { promoteFlows } from '../../core/service/promoteFlows.js';
import { pullFlows } from '../../core/service/pullFlows.js';
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
  io.stdout(options.json ? `${JSON.stringify(result, null, 2)}\n` : renderPull(result, io.color));
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
  io.stdout(options.json ? `${JSON.stringify(result, null, 2)}\n` : renderPromote(result, io.color));
  const failed = result.refused !== null || result.flows.some((f) => f.change === 'not-stored');
  return failed ? EXIT.findings : EXIT.ok;
}
