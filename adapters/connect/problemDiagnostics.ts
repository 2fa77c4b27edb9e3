import { blockName } from '../../core/actions.js';
import type { Diagnostic } from '../../core/diagnostics.js';
import { isJsonObject } from '../../core/json.js';

/** The code of every diagnostic made from a validation problem Amazon Connect reported. */
export const CONNECT_REJECTED = 'connect-rejected';

/**
 * Identifiers shorter than this (designer ids are UUIDs; hand-written flows use short words) are
 * only recognised in a message when quoted, so an action called `a` does not match every "a".
 */
const MIN_BARE_IDENTIFIER = 8;

const HINT =
  'Fix what Amazon Connect names in this block (most often a resource ARN that does not exist in the target ' +
  'instance: resolve the reference to one that does), then import and publish again.';

interface ActionInfo {
  readonly id: string;
  readonly type: string;
}

/**
 * Turns the problems Connect returned for a write (`InvalidContactFlowException.problems[].message`)
 * into diagnostics: on the block whose `Identifier` a problem names (several blocks when it names
 * several), else on the whole flow. `content` is the Flow Language text that was written; `kind`
 * words the flow-level message.
 */
export function problemDiagnostics(
  problems: readonly string[],
  content: string,
  kind: 'flow' | 'module',
): Diagnostic[] {
  const actions = actionsOf(content).sort((a, b) => b.id.length - a.id.length);
  return problems.flatMap((problem) => {
    const named = namedActions(problem, actions);
    if (named.length === 0) return [flowLevel(problem, kind)];
    return named.map((action) => onBlock(problem, action));
  });
}

/**
 * The actions a problem names. Longest identifiers claim their place in the message first, so
 * `Set offer` is not also found inside a mention of `Set offer rejected` (designer identifiers
 * may be words with spaces).
 */
function namedActions(problem: string, longestFirst: readonly ActionInfo[]): ActionInfo[] {
  const claimed: { start: number; end: number }[] = [];
  const named: ActionInfo[] = [];
  for (const action of longestFirst) {
    const spans = mentions(problem, action.id).filter(
      (span) => !claimed.some((c) => span.start >= c.start && span.end <= c.end),
    );
    if (spans.length === 0) continue;
    claimed.push(...spans);
    if (!named.some((n) => n.id === action.id)) named.push(action);
  }
  return named;
}

function onBlock(problem: string, action: ActionInfo): Diagnostic {
  const block = blockName(action.type);
  return {
    severity: 'error',
    code: CONNECT_REJECTED,
    action: action.id,
    block,
    message: `Amazon Connect rejected the "${block}" block (${action.id}): ${problem}`,
    hint: HINT,
  };
}

function flowLevel(problem: string, kind: 'flow' | 'module'): Diagnostic {
  return {
    severity: 'error',
    code: CONNECT_REJECTED,
    action: null,
    block: null,
    message: `Amazon Connect rejected the ${kind === 'module' ? 'flow module' : 'flow'}: ${problem}`,
    hint: HINT,
  };
}

/** The actions of the content as written; none when it is not a Flow Language document. */
function actionsOf(content: string): ActionInfo[] {
  let doc: unknown;
  try {
    doc = JSON.parse(content);
  } catch {
    return [];
  }
  if (!isJsonObject(doc) || !Array.isArray(doc.Actions)) return [];
  const actions: ActionInfo[] = [];
  for (const action of doc.Actions) {
    if (!isJsonObject(action)) continue;
    const { Identifier, Type } = action;
    if (typeof Identifier === 'string' && Identifier !== '') {
      actions.push({ id: Identifier, type: typeof Type === 'string' ? Type : '' });
    }
  }
  return actions;
}

/** Where `message` names `id` as a whole token (quoted, for short identifiers). */
function mentions(message: string, id: string): { start: number; end: number }[] {
  const spans: { start: number; end: number }[] = [];
  let from = message.indexOf(id);
  while (from >= 0) {
    const before = message[from - 1];
    const after = message[from + id.length];
    const bounded = !isIdChar(before) && !isIdChar(after);
    if (bounded && (id.length >= MIN_BARE_IDENTIFIER || (isQuote(before) && isQuote(after)))) {
      spans.push({ start: from, end: from + id.length });
    }
    from = message.indexOf(id, from + 1);
  }
  return spans;
}

function isIdChar(char: string | undefined): boolean {
  return char !== undefined && /[A-Za-z0-9_-]/.test(char);
}

function isQuote(char: string | undefined): boolean {
  return char === '"' || char === "'" || char === '`';
}
