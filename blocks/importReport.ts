import type { ActionsBlock, Button, KnownBlock, SectionBlock } from '@slack/types';
import type { Diagnostic } from '../core/diagnostics.js';
import { ACTION_IDS, encodeActionValue, encodePickerBlockId } from './actionIds.js';
import { code, diagnosticLine, importedBy, plural } from './format.js';
import {
  capItems,
  clip,
  confirmDialog,
  context,
  escapeMrkdwn,
  fitMessage,
  joinLines,
  moreLine,
  option,
  plain,
  SLACK_LIMITS,
  type SlackMessage,
  section,
} from './limits.js';
import { reportButton } from './reportButton.js';
import type { FlowReportView, ImportReportView, ReferenceView } from './types.js';
import { versionActions, versionHeadline, versionStateLine } from './versionState.js';

/** What an import comes to, for its first line: errors win, then choices still to make. */
export type ImportOutcome =
  | { readonly kind: 'blocked'; readonly errors: number }
  | { readonly kind: 'needs-choices'; readonly choices: number }
  | { readonly kind: 'ready' };

/** How many diagnostics a flow's section lists before summarising the rest. */
const SHOWN_DIAGNOSTICS = 5;
/** How many references resolved by a rename rule a flow's section lists. */
const SHOWN_RULES = 3;
/** Blocks around the flows: outcome, counts, and the closing note. */
const FRAME_BLOCKS = 3;

/**
 * The outcome of an import: blocked by N errors that no choice in this message fixes, else needs
 * N choices (picking replacements would make it publishable), else ready to publish.
 */
export function importOutcome(view: ImportReportView): ImportOutcome {
  const errors = view.flows.reduce((n, f) => n + blockingErrors(f).length, 0);
  if (errors > 0) return { kind: 'blocked', errors };
  const choices = view.flows.reduce((n, f) => n + unresolved(f).length, 0);
  if (choices > 0) return { kind: 'needs-choices', choices };
  return { kind: 'ready' };
}

/** The codes core gives a reference it found nowhere in the target (a queue, a flow…). */
const CHOICE_CODES: ReadonlySet<string> = new Set(['unresolved-reference', 'missing-dependency']);

/**
 * True when a picker in this message answers the diagnostic: it is about a reference left
 * unresolved in a block that has one with something to pick from. Picking stores a version
 * resolved that way, and the diagnostic goes with it.
 */
function answeredByChoice(flow: FlowReportView, d: Diagnostic): boolean {
  if (!CHOICE_CODES.has(d.code) || flow.version === null) return false;
  return unresolved(flow).some((r) => r.action === d.action && hasCandidates(r));
}

function hasCandidates(ref: ReferenceView): boolean {
  const { choices } = ref;
  return choices !== null && (choices.external ? choices.count > 0 : choices.options.length > 0);
}

/** A flow's errors that no choice fixes (a broken block, a reference with nothing to pick). */
function blockingErrors(flow: FlowReportView): Diagnostic[] {
  return flow.diagnostics.filter((d) => d.severity === 'error' && !answeredByChoice(flow, d));
}

/** The report's first line (also the notification text). */
export function outcomeLine(view: ImportReportView): string {
  const outcome = importOutcome(view);
  const what = view.flows.length === 1 ? `'${view.flows[0]?.name ?? ''}'` : plural(view.flows.length, 'flow');
  switch (outcome.kind) {
    case 'blocked':
      return `Blocked by ${plural(outcome.errors, 'error')}: ${what} cannot be published to ${view.env} yet.`;
    case 'needs-choices':
      return `Needs ${plural(outcome.choices, 'choice')}: pick replacements before publishing ${what} to ${view.env}.`;
    case 'ready':
      return `Ready to publish: ${what} imported into ${view.env}.`;
  }
}

/**
 * The import report message: the outcome first, the counts, then per flow its top problems, one
 * picker per unresolved reference (as many as fit in 50 blocks; the rest appear as these are
 * chosen, since each choice updates this message) and its Request publish / Diff / Discard
 * buttons. The full report goes in the thread as a file (`buildFullReportText`).
 */
export function buildImportReport(view: ImportReportView): SlackMessage {
  const first = stateHeadline(view) ?? outcomeLine(view);
  const blocks: KnownBlock[] = [section(`*${escapeMrkdwn(first)}*`), context(countsLine(view))];
  const budget = SLACK_LIMITS.messageBlocks - FRAME_BLOCKS;
  const { shown, hidden } = fitFlows(view.flows, budget);
  let pickers = budget - shown.reduce((n, f) => n + fixedBlocks(f), 0) - (hidden > 0 ? 1 : 0);
  for (const flow of shown) {
    const refs = unresolved(flow);
    const editable = flow.version !== null && versionActions(flow.state).edit;
    const room = editable ? Math.max(0, Math.min(refs.length, pickers)) : 0;
    pickers -= room;
    blocks.push(...flowBlocks(view, flow, room));
  }
  if (hidden > 0)
    blocks.push(
      context(`${moreLine(hidden, 'flow')}: see the full report in the thread, or \`/flow status\`.`),
    );
  blocks.push(context(`${importedBy(view.actor)} · the full report is in the thread.`));
  return fitMessage({ text: `${first} ${countsLine(view)}`, blocks }, { keepLast: 1 });
}

/**
 * A one-flow report whose version moved on since its import (requested, live, superseded…) says
 * so first; null keeps the import's outcome line.
 */
function stateHeadline(view: ImportReportView): string | null {
  const [only, ...others] = view.flows;
  if (only === undefined || others.length > 0 || only.version === null) return null;
  return versionHeadline(only.name, only.version, view.env, only.state);
}

/**
 * "2 flows · 1 error · 14 warnings · 6 references resolved · 3 to choose": errors a choice fixes
 * are counted among the choices, not the errors.
 */
function countsLine(view: ImportReportView): string {
  const all = view.flows.flatMap((f) => f.diagnostics);
  const errors = view.flows.reduce((n, f) => n + blockingErrors(f).length, 0);
  const refs = view.flows.flatMap((f) => f.references);
  const choose = refs.filter((r) => r.by === 'unresolved').length;
  return [
    plural(view.flows.length, 'flow'),
    plural(errors, 'error'),
    plural(all.filter((d) => d.severity === 'warning').length, 'warning'),
    `${plural(refs.length - choose, 'reference')} resolved`,
    `${choose} to choose`,
  ].join(' · ');
}

function unresolved(flow: FlowReportView): ReferenceView[] {
  return flow.references.filter((r) => r.by === 'unresolved');
}

/** Blocks a flow takes without pickers: its section, and its buttons when it has a version. */
function fixedBlocks(flow: FlowReportView): number {
  return flow.version === null ? 1 : 2;
}

/** The flows whose fixed blocks fit in `budget` (keeping one block for "… and N more flows"). */
function fitFlows(
  flows: readonly FlowReportView[],
  budget: number,
): { shown: FlowReportView[]; hidden: number } {
  const total = flows.reduce((n, f) => n + fixedBlocks(f), 0);
  if (total <= budget) return { shown: [...flows], hidden: 0 };
  const shown: FlowReportView[] = [];
  let used = 1;
  for (const flow of flows) {
    if (used + fixedBlocks(flow) > budget) break;
    shown.push(flow);
    used += fixedBlocks(flow);
  }
  return { shown, hidden: flows.length - shown.length };
}

function flowBlocks(view: ImportReportView, flow: FlowReportView, pickers: number): KnownBlock[] {
  const refs = unresolved(flow);
  const { shown, hidden } = capItems(refs, pickers);
  // Once requested or live nothing is chosen here, so no pickers are promised either.
  const blocks: KnownBlock[] = [flowSection(flow, versionActions(flow.state).edit ? hidden : 0)];
  if (flow.version === null || flow.flowKey === null) return blocks;
  const version = flow.version;
  const flowKey = flow.flowKey;
  blocks.push(...shown.map((ref) => pickerBlock(view.env, flowKey, version, ref)));
  const actions = buttons(view.env, flow, flowKey, version);
  // A superseded version offers nothing: an actions block may not be empty.
  if (actions.elements.length > 0) blocks.push(actions);
  return blocks;
}

function flowSection(flow: FlowReportView, hiddenPickers: number): SectionBlock {
  const title =
    flow.version === null
      ? `*${escapeMrkdwn(flow.name)}* (${code(flow.file)}): not stored`
      : `*${escapeMrkdwn(flow.name)}*${flow.flowKey?.startsWith('module:') === true ? ' (module)' : ''} v${flow.version}${flow.created ? ' (new version)' : ' (unchanged)'}`;
  // A picker below names each finding a choice answers; listing it again would read as a second problem.
  const findings = flow.diagnostics.filter((d) => !answeredByChoice(flow, d));
  const { shown, hidden } = capItems(findings, SHOWN_DIAGNOSTICS);
  const lines = shown.map(diagnosticLine);
  if (hidden > 0) lines.push(`${moreLine(hidden, 'finding')} in the full report`);
  lines.push(...ruleLines(flow));
  if (hiddenPickers > 0) {
    lines.push(`${moreLine(hiddenPickers, 'reference')} to choose: pickers appear here as you choose these.`);
  }
  const state = versionStateLine(flow.state);
  if (state !== null) lines.unshift(state);
  return section(joinLines([title, ...lines], SLACK_LIMITS.sectionText, 'finding'));
}

/**
 * References a rename rule re-pointed, so a reviewer sees the guess a convention made:
 * ":label: lambda `dev-lookup` → `prod-lookup` by rule `dev-* → prod-*`".
 */
function ruleLines(flow: FlowReportView): string[] {
  const renamed = flow.references.filter((r) => r.by === 'rule');
  const { shown, hidden } = capItems(renamed, SHOWN_RULES);
  const lines = shown.map(
    (r) => `:label: ${r.kind} ${code(r.source)} → ${code(r.target ?? '')} by rule ${code(r.rule ?? '')}`,
  );
  if (hidden > 0) lines.push(`${moreLine(hidden, 'reference')} resolved by rule in the full report`);
  return lines;
}

/** A section naming the reference, with a static select (≤ 100 options) or type-ahead beside it. */
function pickerBlock(env: string, flowKey: string, version: number, ref: ReferenceView): SectionBlock {
  const label = `${ref.required ? ':x:' : ':warning:'} ${ref.kind} ${code(ref.source)} in *${escapeMrkdwn(ref.block)}* (${code(ref.action)})`;
  const blockId = pickerBlockId(env, flowKey, version, ref);
  if (blockId === null)
    return section(`${label}\nThe flow's name is too long for a picker: use \`/flow map\`.`);
  const placeholder = plain(`Choose a ${ref.kind} in ${env}`, SLACK_LIMITS.placeholder);
  const choices = ref.choices;
  if (choices === null || (!choices.external && choices.options.length === 0)) {
    return section(
      `${label}\nNo ${ref.kind} in ${escapeMrkdwn(env)} to choose: create it there, then import again.`,
      blockId,
    );
  }
  const block = section(label, blockId);
  if (choices.external || choices.options.length > SLACK_LIMITS.staticSelectOptions) {
    block.accessory = {
      type: 'external_select',
      action_id: ACTION_IDS.pickReplacement,
      placeholder,
      min_query_length: 1,
    };
    return block;
  }
  const options = choices.options.flatMap((o) => {
    try {
      return [option(o.text, encodeActionValue(ACTION_IDS.pickReplacement, { to: o.value }))];
    } catch {
      return [];
    }
  });
  const dropped = choices.options.length - options.length;
  if (dropped > 0 && block.text !== undefined) {
    block.text.text = clip(
      `${block.text.text}\n${plural(dropped, 'candidate')} left out: id too long for Slack; use \`/flow map\`.`,
      SLACK_LIMITS.sectionText,
    );
  }
  if (options.length > 0) {
    block.accessory = { type: 'static_select', action_id: ACTION_IDS.pickReplacement, placeholder, options };
  }
  return block;
}

function pickerBlockId(env: string, flowKey: string, version: number, ref: ReferenceView): string | null {
  try {
    return encodePickerBlockId({ env, flow: flowKey, version, ref: ref.index });
  } catch {
    return null;
  }
}

function buttons(env: string, flow: FlowReportView, flowKey: string, version: number): ActionsBlock {
  const elements: Button[] = [];
  const ids = { env, flow: flowKey, version };
  const allowed = versionActions(flow.state);
  if (flow.publishable && allowed.request !== null) {
    const request: Button = {
      type: 'button',
      action_id: ACTION_IDS.requestPublish,
      text: plain(
        allowed.request === 'again' ? 'Request publish again' : 'Request publish',
        SLACK_LIMITS.buttonText,
      ),
      style: 'primary',
      value: encodeActionValue(ACTION_IDS.requestPublish, ids),
    };
    if (flow.replacesTarget) {
      request.confirm = confirmDialog(
        'Replace the current flow?',
        `Importing will replace the current flow definition; unpublished changes will be lost. Publishing ${flow.name} v${version} to ${env} needs an approval first.`,
        'Request publish',
      );
    }
    elements.push(request);
  }
  if (!allowed.inspect) return { type: 'actions', elements };
  if (flow.previous !== null) {
    elements.push({
      type: 'button',
      action_id: ACTION_IDS.showDiff,
      text: plain(`Diff v${flow.previous} → v${version}`, SLACK_LIMITS.buttonText),
      value: encodeActionValue(ACTION_IDS.showDiff, { env, flow: flowKey, from: flow.previous, to: version }),
    });
  }
  elements.push(...reportButton(flow.reportUrl));
  if (!allowed.edit) return { type: 'actions', elements };
  elements.push({
    type: 'button',
    action_id: ACTION_IDS.discardImport,
    text: plain('Discard', SLACK_LIMITS.buttonText),
    style: 'danger',
    value: encodeActionValue(ACTION_IDS.discardImport, ids),
    confirm: confirmDialog(
      'Discard this import?',
      `The choices made in this message will be lost and it will no longer offer publishing ${flow.name} v${version}. The version stays in the history.`,
      'Discard',
      'danger',
    ),
  });
  return { type: 'actions', elements };
}
