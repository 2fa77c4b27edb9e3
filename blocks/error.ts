import { escapeMrkdwn, fitMessage, type SlackMessage, section } from './limits.js';

/** An ephemeral error for the user: what went wrong, in one section (clipped, never invalid). */
export function buildError(message: string): SlackMessage {
  return fitMessage({ text: message, blocks: [section(`:warning: ${escapeMrkdwn(message)}`)] });
}
