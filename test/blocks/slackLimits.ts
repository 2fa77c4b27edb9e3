/**
 * Checks a built message or modal against Slack's limits: the tests' oracle that every builder in
 * blocks/ stays within them (the builders fit their output with `fitMessage` and `fitModal`).
 */
import type { ConfirmationDialog, HomeView, KnownBlock, ModalView, Option } from '@slack/types';
import { SLACK_LIMITS, type SlackMessage } from '../../blocks/limits.js';

/** One broken limit: where (a JSON-ish path), which limit, and the size found. */
export interface LimitViolation {
  readonly path: string;
  readonly limit: keyof typeof SLACK_LIMITS | 'empty-text' | 'duplicate-block-id' | 'duplicate-action-id';
  readonly max: number;
  readonly actual: number;
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

/** Every limit a Home tab `view` breaks (views.publish). */
export function checkHome(view: HomeView): LimitViolation[] {
  const found: LimitViolation[] = [];
  if (view.private_metadata !== undefined) {
    over(found, 'private_metadata', 'privateMetadata', view.private_metadata.length);
  }
  checkBlocks(found, view.blocks as KnownBlock[], 'homeBlocks');
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
  limit: 'messageBlocks' | 'modalBlocks' | 'homeBlocks',
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
  readonly url?: string | undefined;
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
    if (element.url !== undefined) over(found, `${path}.url`, 'buttonUrl', element.url.length);
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
