import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FlowgateConfig } from '../../core/config.js';
import type { ServiceDeps } from '../../core/deps.js';
import { importFlows } from '../../core/service/importFlows.js';
import type { LocalSlackSettings } from '../../handlers/local/localServer.js';

/** Slack settings for a local server whose tests never reach Slack (nothing listens on port 9). */
export const UNREACHABLE_SLACK: LocalSlackSettings = {
  signingSecret: 's',
  botToken: 'xoxb-t',
  apiUrl: 'http://127.0.0.1:9/api/',
  botId: 'B',
  botUserId: 'U',
};

/** The kit's use cases with prod bound to `channel` (uploads there import into prod). */
export function withChannel(deps: ServiceDeps, channel: string): ServiceDeps {
  const prod = deps.config.environments.prod;
  if (prod === undefined) throw new Error('the service kit has no prod');
  const config: FlowgateConfig = {
    ...deps.config,
    environments: { ...deps.config.environments, prod: { ...prod, channels: [channel] } },
  };
  return { ...deps, config };
}

/** A `file_shared` event callback as Slack sends it, for a file shared in `channel`. */
export function fileSharedEvent(
  fileId: string,
  user: string,
  eventId: string,
  channel: string,
): Record<string, unknown> {
  return {
    token: 'legacy',
    team_id: 'T1',
    api_app_id: 'A0FAKEAPP1',
    type: 'event_callback',
    event_id: eventId,
    event_time: 1,
    event: {
      type: 'file_shared',
      file_id: fileId,
      user_id: user,
      channel_id: channel,
      file: { id: fileId },
      event_ts: '1.1',
    },
  };
}

/** The example Billing flow, as a user shares it. */
export const BILLING_FILE = readFileSync(
  join(import.meta.dirname, '..', '..', 'examples', 'flows', 'billing.json'),
);

/**
 * Billing imported into prod by alice with a queue the target lacks: its reference gets a
 * replacement picker. Returns what the picker's block id names.
 */
export async function importBillingWithUnknownQueue(
  deps: ServiceDeps,
): Promise<{ flowKey: string; version: number; ref: number }> {
  const flow = JSON.parse(BILLING_FILE.toString('utf8')) as {
    modules: { parameters: { name: string; value: string; resourceName?: string }[] }[];
  };
  for (const module of flow.modules) {
    for (const parameter of module.parameters) {
      if (parameter.name === 'Queue') {
        parameter.value =
          'arn:aws:connect:us-east-1:111122223333:instance/0c9bd5a8-1f55-4b4e-9d1f-3a2f7f6e1c11/queue/00000000-0000-4000-8000-00000000dead';
        parameter.resourceName = 'Support';
      }
    }
  }
  const imported = await importFlows(deps, {
    env: 'prod',
    files: [{ name: 'billing.json', bytes: new TextEncoder().encode(JSON.stringify(flow)) }],
    actor: { id: 'alice', groups: [] },
    channel: 'slack',
  });
  const version = imported.flows[0]?.version;
  const ref = version?.references.findIndex((r) => r.kind === 'queue') ?? -1;
  if (version === null || version === undefined || ref < 0)
    throw new Error('the queue reference was not stored');
  return { flowKey: version.flowKey, version: version.number, ref };
}
