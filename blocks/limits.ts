import type {
  ActionsBlock,
  ConfirmationDialog,
  ContextBlock,
  KnownBlock,
  ModalView,
  Option,
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

/** One broken limit: where (a JSON-ish path), which limit, and the size found. */
export interface LimitViolation {
  readonly path: string;
  readonly limit: keyof typeof SLACK_LIMITS | 'empty-text' | 'duplicate-block-id' | 'duplicate-action-id';
  readonly max: number;
  readonly actual: number;
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

function fitBlocks(blocks: KnownBlock[], max: number, options: FitOptions): KnownBlock[] {
  if (blocks.length <= max) return blocks;
  const keep = Math.min(options.keepLast ?? 0, max - 1);
  const head = blocks.slice(0, max - keep - 1);
  const hidden = blocks.length - head.length - keep;
  const note = `${moreLine(hidden, 'part')}${options.overflowNote === undefined ? '' : `: ${options.overflowNote}`}`;
  return [...head, context(note), ...blocks.slice(blocks.length - keep)];
}

/** Every limit `message` breaks (none for a payload Slack accepts as far as these limits go). */
export function checkMessage(message: SlackMessage): LimitViolation[] {
  const found: LimitViolation[] = [];
  over(found, 'text', 'messageText', message.text.length);
  if (message.text.length === 0) found.push({ path: 'text', limit: 'empty-text', max: 1, actual: 0 });
  checkBlocks(found, message.blocks, 'messageBlocks');
  return found;
}

/** Every limit `view` breaks. */
export function checkModal(view: ModalView): LimitViolation[] {
  const found: LimitViolation[] = [];
  over(found, 'title', 'modalTitle', view.title.text.length);
  if (view.submit !== undefined) over(found, 'submit', 'modalButton', view.submit.text.length);
  if (view.close !== undefined) over(found, 'close', 'modalButton', view.close.text.length);
  if (view.private_metadata !== undefined) {
    over(found, 'private_metadata', 'privateMetadata', view.private_metadata.length);
  }
  checkBlocks(found, view.blocks as KnownBlock[], 'modalBlocks');
  return found;
}

function over(found: LimitViolation[], path: string, limit: keyof typeof SLACK_LIMITS, actual: number): void {
  const max = SLACK_LIMITS[limit];
  if (actual > max) found.push({ path, limit, max, actual });
}

function text(found: LimitViolation[], path: string, limit: keyof typeof SLACK_LIMITS, value: string): void {
  over(found, path, limit, value.length);
  if (value.length === 0) found.push({ path, limit: 'empty-text', max: 1, actual: 0 });
}

function checkBlocks(
  found: LimitViolation[],
  blocks: KnownBlock[],
  limit: 'messageBlocks' | 'modalBlocks',
): void {
  over(found, 'blocks', limit, blocks.length);
  const ids = new Set<string>();
  blocks.forEach((block, i) => {
    const path = `blocks[${i}]`;
    if (block.block_id !== undefined) {
      over(found, `${path}.block_id`, 'blockId', block.block_id.length);
      if (ids.has(block.block_id)) found.push({ path, limit: 'duplicate-block-id', max: 1, actual: 2 });
      ids.add(block.block_id);
    }
    checkBlock(found, block, path);
  });
}

function checkBlock(found: LimitViolation[], block: KnownBlock, path: string): void {
  switch (block.type) {
    case 'section':
      if (block.text !== undefined) text(found, `${path}.text`, 'sectionText', block.text.text);
      if (block.fields !== undefined) {
        over(found, `${path}.fields`, 'sectionFields', block.fields.length);
        block.fields.forEach((f, j) => {
          text(found, `${path}.fields[${j}]`, 'sectionFieldText', f.text);
        });
      }
      if (block.accessory !== undefined) checkElement(found, block.accessory, `${path}.accessory`);
      return;
    case 'header':
      text(found, `${path}.text`, 'headerText', block.text.text);
      return;
    case 'context':
      over(found, `${path}.elements`, 'contextElements', block.elements.length);
      block.elements.forEach((e, j) => {
        if (e.type === 'mrkdwn' || e.type === 'plain_text')
          text(found, `${path}.elements[${j}]`, 'contextText', e.text);
      });
      return;
    case 'actions': {
      over(found, `${path}.elements`, 'actionsElements', block.elements.length);
      const actionIds = new Set<string>();
      block.elements.forEach((e, j) => {
        const id = 'action_id' in e ? e.action_id : undefined;
        if (id !== undefined && actionIds.has(id)) {
          found.push({ path: `${path}.elements[${j}]`, limit: 'duplicate-action-id', max: 1, actual: 2 });
        }
        if (id !== undefined) actionIds.add(id);
        checkElement(found, e, `${path}.elements[${j}]`);
      });
      return;
    }
    case 'input':
      text(found, `${path}.label`, 'inputLabel', block.label.text);
      if (block.hint !== undefined) text(found, `${path}.hint`, 'inputHint', block.hint.text);
      checkElement(found, block.element, `${path}.element`);
      return;
    default:
      return;
  }
}

/** The element shapes flowgate builds; anything else is checked for its action id only. */
interface CheckedElement {
  readonly type: string;
  readonly action_id?: string | undefined;
  readonly text?: { readonly text: string } | undefined;
  readonly value?: string | undefined;
  readonly placeholder?: { readonly text: string } | undefined;
  readonly options?: readonly Option[] | undefined;
  readonly initial_option?: Option | undefined;
  readonly confirm?: ConfirmationDialog | undefined;
}

function checkElement(found: LimitViolation[], element: CheckedElement, path: string): void {
  if (element.action_id !== undefined) over(found, `${path}.action_id`, 'actionId', element.action_id.length);
  if (element.type === 'button') {
    if (element.text !== undefined) text(found, `${path}.text`, 'buttonText', element.text.text);
    if (element.value !== undefined) over(found, `${path}.value`, 'buttonValue', element.value.length);
  }
  if (element.placeholder !== undefined)
    text(found, `${path}.placeholder`, 'placeholder', element.placeholder.text);
  if (element.options !== undefined) {
    if (element.type === 'static_select') {
      over(found, `${path}.options`, 'staticSelectOptions', element.options.length);
    }
    element.options.forEach((o, k) => {
      checkOption(found, o, `${path}.options[${k}]`);
    });
  }
  if (element.initial_option !== undefined)
    checkOption(found, element.initial_option, `${path}.initial_option`);
  if (element.confirm !== undefined) checkConfirm(found, element.confirm, `${path}.confirm`);
}

function checkOption(found: LimitViolation[], o: Option, path: string): void {
  text(found, `${path}.text`, 'optionText', o.text.text);
  if (o.value !== undefined) over(found, `${path}.value`, 'optionValue', o.value.length);
}

function checkConfirm(found: LimitViolation[], c: ConfirmationDialog, path: string): void {
  if (c.title !== undefined) text(found, `${path}.title`, 'confirmTitle', c.title.text);
  text(found, `${path}.text`, 'confirmText', c.text.text);
  if (c.confirm !== undefined) text(found, `${path}.confirm`, 'confirmButton', c.confirm.text);
  if (c.deny !== undefined) text(found, `${path}.deny`, 'confirmButton', c.deny.text);
}
