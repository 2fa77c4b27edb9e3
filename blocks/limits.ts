import type {
  ActionsBlock,
  ConfirmationDialog,
  ContextBlock,
  HomeView,
  KnownBlock,
  ModalView,
  PlainTextElement,
  PlainTextOption,
  SectionBlock,
} from '@slack/types';

/**
 * Slack's Block Kit limits, in one place. Numbers follow shared/reference/slack.md §3.1 and the
 * sources it names (@slack/types JSDoc, the Block Kit reference). Where the two disagree the
 * stricter number is kept: option `value` is 150 in the reference (the JSDoc still says 75).
 */
export const SLACK_LIMITS = {
  messageBlocks: 50,
  modalBlocks: 100,
  /** A Home tab view (views.publish): 100 blocks, as a modal. */
  homeBlocks: 100,
  /** Section `text` (and any text object). */
  sectionText: 3000,
  sectionFields: 10,
  sectionFieldText: 2000,
  contextElements: 10,
  /**
   * Context element text. slack.md names no number; a text object allows 3,000, so 2,000 keeps a
   * margin and matches the other secondary-text limits (section fields, input labels).
   */
  contextText: 2000,
  headerText: 150,
  actionsElements: 25,
  blockId: 255,
  actionId: 255,
  buttonText: 75,
  /** A link button's url (Block Kit button element). */
  buttonUrl: 3000,
  buttonValue: 2000,
  optionText: 75,
  optionValue: 150,
  staticSelectOptions: 100,
  placeholder: 150,
  confirmTitle: 100,
  confirmText: 300,
  confirmButton: 30,
  modalTitle: 24,
  modalButton: 24,
  privateMetadata: 3000,
  inputLabel: 2000,
  inputHint: 2000,
  /** Slack truncates a message's top-level `text` past this. */
  messageText: 40_000,
} as const;

/** A message as the Web API takes it: the notification/screen-reader fallback and the blocks. */
export interface SlackMessage {
  readonly text: string;
  readonly blocks: KnownBlock[];
}

const ELLIPSIS = '…';

/**
 * `text` cut to at most `max` UTF-16 units, ending in "…" when cut; never splits a surrogate
 * pair or an HTML entity (`&amp;`) that mrkdwn escaping produced. Empty text becomes "-": Slack
 * rejects empty text objects.
 */
export function clip(text: string, max: number): string {
  if (text.length === 0) return '-';
  if (text.length <= max) return text;
  let cut = '';
  for (const char of text) {
    if (cut.length + char.length > max - ELLIPSIS.length) break;
    cut += char;
  }
  return cut.replace(/&[a-z]{0,4}$/, '') + ELLIPSIS;
}

/** "… and 12 more warnings": how a capped list says what it left out. */
export function moreLine(hidden: number, singular: string, plural = `${singular}s`): string {
  return `${ELLIPSIS} and ${hidden} more ${hidden === 1 ? singular : plural}`;
}

/** The first `max` items and how many were left out. */
export function capItems<T>(items: readonly T[], max: number): { shown: T[]; hidden: number } {
  const shown = items.slice(0, Math.max(0, max));
  return { shown, hidden: items.length - shown.length };
}

/**
 * Lines joined with newlines, within `max`: whole lines while they fit, then a line saying how
 * many did not (`moreLine`). A single line too long for `max` is clipped.
 */
export function joinLines(lines: readonly string[], max: number, noun = 'line'): string {
  const out: string[] = [];
  let used = 0;
  for (const [i, line] of lines.entries()) {
    const rest = lines.length - i - 1;
    const reserve = rest > 0 ? moreLine(lines.length, noun).length + 1 : 0;
    const cost = line.length + (out.length > 0 ? 1 : 0);
    if (used + cost + reserve > max) {
      if (out.length === 0) return clip(line, max - reserve) + (rest > 0 ? `\n${moreLine(rest, noun)}` : '');
      out.push(moreLine(lines.length - i, noun));
      return out.join('\n');
    }
    out.push(line);
    used += cost;
  }
  return out.length === 0 ? '-' : out.join('\n');
}

/** Escapes the three characters mrkdwn treats as markup (`&`, `<`, `>`), so names show as written. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** A plain-text object clipped to `max`. */
export function plain(text: string, max: number): PlainTextElement {
  return { type: 'plain_text', text: clip(text, max), emoji: true };
}

/** A section of mrkdwn text clipped to the section limit. */
export function section(text: string, blockId?: string): SectionBlock {
  const block: SectionBlock = {
    type: 'section',
    text: { type: 'mrkdwn', text: clip(text, SLACK_LIMITS.sectionText) },
  };
  if (blockId !== undefined) block.block_id = blockId;
  return block;
}

/** A context block of mrkdwn lines: at most 10 elements, each clipped. */
export function context(...texts: string[]): ContextBlock {
  const { shown } = capItems(texts, SLACK_LIMITS.contextElements);
  return {
    type: 'context',
    elements: shown.map((t) => ({ type: 'mrkdwn', text: clip(t, SLACK_LIMITS.contextText) })),
  };
}

/** A select option with its text clipped; `value` must already be encoded within 150 characters. */
export function option(text: string, value: string): PlainTextOption {
  return { text: plain(text, SLACK_LIMITS.optionText), value };
}

/** A confirm dialog with every part clipped to its limit. */
export function confirmDialog(
  title: string,
  text: string,
  confirm: string,
  style: 'primary' | 'danger' = 'primary',
): ConfirmationDialog {
  return {
    title: plain(title, SLACK_LIMITS.confirmTitle),
    text: plain(text, SLACK_LIMITS.confirmText),
    confirm: plain(confirm, SLACK_LIMITS.confirmButton),
    deny: plain('Cancel', SLACK_LIMITS.confirmButton),
    style,
  };
}

/**
 * Actions blocks holding `elements`, 25 per block (Slack's cap), so no button is dropped. The
 * caller gives each block's id with `blockId(i)` (or none).
 */
export function actionsBlocks(
  elements: ActionsBlock['elements'],
  blockId?: (index: number) => string,
): ActionsBlock[] {
  const blocks: ActionsBlock[] = [];
  for (let i = 0; i < elements.length; i += SLACK_LIMITS.actionsElements) {
    const block: ActionsBlock = {
      type: 'actions',
      elements: elements.slice(i, i + SLACK_LIMITS.actionsElements),
    };
    if (blockId !== undefined) block.block_id = blockId(blocks.length);
    blocks.push(block);
  }
  return blocks;
}

/** Options of {@link fitMessage}. */
export interface FitOptions {
  /** Blocks at the end that must survive a cut (the buttons). */
  readonly keepLast?: number;
  /** What the cut blocks were, for the line that replaces them ("… and 7 more parts: …"). */
  readonly overflowNote?: string;
}

/**
 * The message within Slack's limits: `text` clipped to 40,000, and when there are more than 50
 * blocks, the first ones kept, then a context line saying how many were left out, then the last
 * `keepLast` blocks. Builders budget their blocks first; this is the net that makes a payload
 * over the limit impossible.
 */
export function fitMessage(message: SlackMessage, options: FitOptions = {}): SlackMessage {
  return {
    text: clip(message.text, SLACK_LIMITS.messageText),
    blocks: fitBlocks(message.blocks, SLACK_LIMITS.messageBlocks, options),
  };
}

/** A modal within Slack's limits (100 blocks, title and buttons clipped). */
export function fitModal(view: ModalView): ModalView {
  const fitted: ModalView = {
    ...view,
    title: plain(view.title.text, SLACK_LIMITS.modalTitle),
    blocks: fitBlocks(view.blocks as KnownBlock[], SLACK_LIMITS.modalBlocks, {}),
  };
  if (view.submit !== undefined) fitted.submit = plain(view.submit.text, SLACK_LIMITS.modalButton);
  if (view.close !== undefined) fitted.close = plain(view.close.text, SLACK_LIMITS.modalButton);
  return fitted;
}

/** A Home tab within Slack's limits (100 blocks). */
export function fitHome(view: HomeView, options: FitOptions = {}): HomeView {
  return { ...view, blocks: fitBlocks(view.blocks as KnownBlock[], SLACK_LIMITS.homeBlocks, options) };
}

function fitBlocks(blocks: KnownBlock[], max: number, options: FitOptions): KnownBlock[] {
  if (blocks.length <= max) return blocks;
  const keep = Math.min(options.keepLast ?? 0, max - 1);
  const head = blocks.slice(0, max - keep - 1);
  const hidden = blocks.length - head.length - keep;
  const note = `${moreLine(hidden, 'part')}${options.overflowNote === undefined ? '' : `: ${options.overflowNote}`}`;
  return [...head, context(note), ...blocks.slice(blocks.length - keep)];
}
