import type { KnownBlock } from '@slack/types';
import {
  capItems,
  escapeMrkdwn,
  fitMessage,
  joinLines,
  moreLine,
  SLACK_LIMITS,
  type SlackMessage,
  section,
} from './limits.js';

/**
 * A message that lists things: `first` in bold, then one bullet line per item up to `max`, and
 * how many more there are (`noun` names one of them) when there are more.
 */
export function buildListMessage<T>(
  first: string,
  items: readonly T[],
  max: number,
  line: (item: T) => string,
  noun: string,
): SlackMessage {
  const { shown, hidden } = capItems(items, max);
  const lines = shown.map((item) => `• ${line(item)}`);
  if (hidden > 0) lines.push(moreLine(hidden, noun));
  const blocks: KnownBlock[] = [section(`*${escapeMrkdwn(first)}*`)];
  if (lines.length > 0) blocks.push(section(joinLines(lines, SLACK_LIMITS.sectionText, noun)));
  return fitMessage({ text: first, blocks });
}
