import { noticeChannel } from '../adapters/slack/SlackNotifier.js';
import type { FlowgateConfig } from '../core/config.js';
import type { Notifier } from '../core/ports.js';

/**
 * The notifier for one job whose import reports are posted in `reportChannel` (the Slack channel
 * or DM the job answers in). An environment's `imported` notice is left out when it would land in
 * that same channel, where the report already says everything it says: one message per import
 * there. Imported from anywhere else (a DM, another channel), the environment's channel still
 * hears of it; every other kind of notification passes unchanged.
 */
export function importNoticesElsewhere(
  notifier: Notifier | null,
  config: Pick<FlowgateConfig, 'environments'>,
  reportChannel: string,
): Notifier | null {
  if (notifier === null) return null;
  return {
    notify: (notification) =>
      notification.kind === 'imported' &&
      noticeChannel(config.environments, notification.env) === reportChannel
        ? Promise.resolve()
        : notifier.notify(notification),
  };
}
