import type { FlowgateConfig } from '../../core/config.js';
import type { ServiceDeps } from '../../core/deps.js';
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
