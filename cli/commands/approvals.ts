import { AlreadyRequestedError } from '../../core/errors.js';
import type { WaitingFlow } from '../../core/publish/publishBatch.js';
import type { PublishOutcome } from '../../core/publish/publishOutcome.js';
import { approveRequest } from '../../core/service/approveRequest.js';
import { publishIfApproved } from '../../core/service/publishIfApproved.js';
import { rejectRequest } from '../../core/service/rejectRequest.js';
import { requestPublish } from '../../core/service/requestPublish.js';
import { rollbackFlow } from '../../core/service/rollbackFlow.js';
import { flowLabel } from '../../core/versions/flowKey.js';
import type { PublishRequest } from '../../core/versions/types.js';
import { type CliIo, EXIT } from '../io.js';
import { alreadyRequestedText } from '../refusal.js';
import type { Runtime } from '../runtime.js';
import type { OutputOptions } from './history.js';

function print(io: CliIo, options: OutputOptions, value: unknown, human: string): void {
  io.stdout(options.json ? `${JSON.stringify(value, null, 2)}\n` : `${human}\n`);
}

/** What to run next, in words: the id to approve, and who may. */
function requestLine(request: PublishRequest): string {
  if (request.state === 'pending') {
    return `Publish request ${request.id} for ${flowLabel(request.flowKey)} v${request.version} in ${request.env} is waiting for approval (expires ${request.expiresAt}).\nA publisher other than ${request.requester} approves it with: flowgate approve ${request.id} --as <publisher>`;
  }
  return `Publish request ${request.id} for ${flowLabel(request.flowKey)} v${request.version} in ${request.env} is ${request.state}.`;
}

/** Publishing's outcome: exit 1 when any flow failed. */
function outcomeCode(outcome: PublishOutcome | null): number {
  return outcome === null || outcome.ok ? EXIT.ok : EXIT.findings;
}

/**
 * `flowgate publish <flow> --env <env> [--version N]`: asks to publish; where the environment
 * needs no approval the request is approved at once and published now. Asking again for a
 * version with an open request prints that request (exit 0): nothing new is made.
 */
export async function runPublish(
  rt: Runtime,
  args: { flow: string; env: string; version: number | null },
  options: OutputOptions,
  io: CliIo,
): Promise<number> {
  let request: PublishRequest;
  try {
    request = await requestPublish(rt.deps, {
      env: args.env,
      flow: args.flow,
      actor: rt.actor,
      ...(args.version === null ? {} : { version: args.version }),
    });
  } catch (error) {
    if (!(error instanceof AlreadyRequestedError)) throw error;
    const existing = error.request;
    print(
      io,
      options,
      { request: existing, outcome: null, alreadyRequested: true },
      `Nothing new was requested. ${alreadyRequestedText(existing, flowLabel(existing.flowKey), rt.actor.id)}`,
    );
    return EXIT.ok;
  }
  const { outcome } = await publishIfApproved(rt.deps, request, rt.actor);
  if (outcome === null) {
    print(io, options, { request, outcome: null }, requestLine(request));
    return EXIT.ok;
  }
  print(io, options, { request, outcome }, outcome.summary);
  return outcomeCode(outcome);
}

/** `flowgate approve <request>`: approves and publishes (or says what it waits for). */
export async function runApprove(
  rt: Runtime,
  id: string,
  options: OutputOptions,
  io: CliIo,
): Promise<number> {
  const result = await approveRequest(rt.deps, { id, actor: rt.actor });
  const human =
    result.outcome !== null
      ? result.outcome.summary
      : `Approved ${flowLabel(result.request.flowKey)} v${result.request.version}. Publishing waits for (once each is approved, the last approval publishes them together):\n${result.waiting.map((w) => `  ${waitingLine(w, result.request.env)}`).join('\n')}`;
  print(io, options, result, human);
  return outcomeCode(result.outcome);
}

/** A flow an approval waits for, by name, with the command that moves it on. */
function waitingLine(flow: WaitingFlow, env: string): string {
  const name = flowLabel(flow.key);
  const publish = `flowgate publish ${JSON.stringify(name.replace(/^module /, ''))} --env ${env}`;
  switch (flow.state) {
    case 'pending':
      return `${name}: waits for approval: flowgate approve ${flow.request ?? ''} --as <publisher>`;
    case 'failed':
      return `${name}: its request failed; request it again: ${publish}`;
    case 'not-requested':
      return `${name}: not requested yet; request it: ${publish}`;
  }
}

/** `flowgate reject <request> --reason <text>` */
export async function runReject(
  rt: Runtime,
  id: string,
  reason: string,
  options: OutputOptions,
  io: CliIo,
): Promise<number> {
  const request = await rejectRequest(rt.deps, { id, actor: rt.actor, reason });
  print(
    io,
    options,
    request,
    `Rejected ${flowLabel(request.flowKey)} v${request.version} in ${request.env}: ${reason}`,
  );
  return EXIT.ok;
}

/** `flowgate rollback <flow> --env <env> --to N`: a new version restoring N, through the same approval path. */
export async function runRollback(
  rt: Runtime,
  args: { flow: string; env: string; to: number },
  options: OutputOptions,
  io: CliIo,
): Promise<number> {
  const result = await rollbackFlow(rt.deps, { ...args, actor: rt.actor });
  const made = result.created
    ? `Version ${result.version.number} restores version ${args.to} of ${result.version.name}.`
    : `Version ${result.version.number} already holds version ${args.to}'s content.`;
  const { outcome } = await publishIfApproved(rt.deps, result.request, rt.actor);
  if (outcome !== null) {
    print(io, options, { ...result, outcome }, `${made}\n${outcome.summary}`);
    return outcomeCode(outcome);
  }
  print(io, options, result, `${made}\n${requestLine(result.request)}`);
  return EXIT.ok;
}
