import { App, type Receiver } from '@slack/bolt';
import { webClientOptions } from '../../adapters/slack/createWebClient.js';
import type { ListenerContext } from './context.js';

export { guardSlackRequests, type SlackEdgeOptions } from './edge.js';

import { registerInteractions } from './listeners/actions/interactions.js';
import { registerRejectButton } from './listeners/actions/rejectButton.js';
import { registerFlowCommand } from './listeners/commands/flowCommand.js';
import { registerAppHomeOpened } from './listeners/events/appHomeOpened.js';
import { registerFileShared } from './listeners/events/fileShared.js';
import { registerReplacementOptions } from './listeners/options/replacementOptions.js';
import { registerImportModal } from './listeners/views/importModal.js';
import { registerRejectModal } from './listeners/views/rejectModal.js';

/** What the Slack app is built from: secrets and ids from the environment, ports from config. */
export interface SlackAppOptions {
  readonly token: string;
  /** Given, so Bolt does not call auth.test on a cold start (one round trip less in 3 s). */
  readonly botId: string;
  readonly botUserId: string;
  /** AwsLambdaReceiver in AWS and behind `npm start`; SocketModeReceiver with an app token. */
  readonly receiver: Receiver;
  /** The Web API base URL (a fake in tests); Slack's by default. */
  readonly slackApiUrl?: string;
  readonly ctx: ListenerContext;
}

/**
 * The Bolt app: listeners only (verify, record an idempotency key, queue, answer). Its
 * WebClient never retries: a listener has 3 seconds, and a rate-limited call must fail fast
 * rather than hold the acknowledgement for minutes.
 */
export function createSlackApp(options: SlackAppOptions): App {
  const app = new App({
    token: options.token,
    botId: options.botId,
    botUserId: options.botUserId,
    receiver: options.receiver,
    clientOptions: webClientOptions({
      forListener: true,
      ...(options.slackApiUrl === undefined ? {} : { slackApiUrl: options.slackApiUrl }),
    }),
  });
  registerFlowCommand(app, options.ctx);
  registerFileShared(app, options.ctx);
  registerAppHomeOpened(app, options.ctx);
  registerInteractions(app, options.ctx);
  registerRejectButton(app, options.ctx);
  registerImportModal(app, options.ctx);
  registerRejectModal(app, options.ctx);
  registerReplacementOptions(app, options.ctx);
  // Bolt's default error handler re-throws, which turns into a 500 and a Slack redelivery.
  app.error(async (error) => {
    options.ctx.log('Slack listener error', error);
  });
  return app;
}
