import type { FlowAction, FlowContent } from '../flow.js';
import { getAt, isJsonObject, type Json, type JsonPath } from '../json.js';
import { arnResourceKind, isAwsManagedViewArn, lambdaFunctionName } from './arnKind.js';
import { classifyValue, isUuid } from './classifyValue.js';
import { lexV2AliasName } from './lexV2Names.js';
import { ANY, eventHookFlowType, type MetaStep, type ReferenceRule, rulesFor } from './referenceTable.js';
import type { Reference, ResourceKind, ValueKind } from './types.js';

/** One concrete place a rule's parameter path leads to inside an action. */
interface ParamMatch {
  readonly path: JsonPath;
  /** The keys or indexes the path's `ANY` steps stood for, in order. */
  readonly wildcards: readonly (string | number)[];
  readonly value: Json;
}

/**
 * Every resource reference in a flow, in action order and, within an action, in reference-table
 * order, with the metadata slots that repeat each value and name. Odd metadata (missing, `null`,
 * a string where an object is expected) only means fewer copies: this never throws.
 */
export function extractReferences(content: FlowContent): Reference[] {
  const references: Reference[] = [];
  for (const action of content.Actions) {
    if (!isJsonObject(action) || typeof action.Type !== 'string') continue;
    const claimed = new Set<string>();
    for (const rule of rulesFor(action.Type)) {
      for (const match of expandPath(action, rule.path)) {
        const key = match.path.join('\u0000');
        const reference = claimed.has(key) ? null : toReference(content, action, rule, match);
        if (reference === null) continue;
        claimed.add(key);
        references.push(reference);
      }
    }
  }
  return references;
}

/** The places `pattern` leads to under `node`, `ANY` expanded over array items and object keys. */
function expandPath(node: Json | FlowAction, pattern: readonly string[]): ParamMatch[] {
  const out: ParamMatch[] = [];
  walkPattern(node, pattern, 0, [], [], out);
  return out;
}

// A module-level function rather than a closure: this runs for every rule of every action, and
// a closure per call costs allocations (and, under tsx, a `__name` call) on the hot path.
function walkPattern(
  current: unknown,
  pattern: readonly string[],
  depth: number,
  path: (string | number)[],
  wildcards: (string | number)[],
  out: ParamMatch[],
): void {
  if (depth === pattern.length) {
    out.push({ path, wildcards, value: current as Json });
    return;
  }
  const step = pattern[depth] ?? '';
  if (step === ANY) {
    if (Array.isArray(current)) {
      current.forEach((child: Json, i) => {
        walkPattern(child, pattern, depth + 1, [...path, i], [...wildcards, i], out);
      });
    } else if (isJsonObject(current)) {
      for (const key of Object.keys(current)) {
        walkPattern(current[key], pattern, depth + 1, [...path, key], [...wildcards, key], out);
      }
    }
    return;
  }
  if (isJsonObject(current) && Object.hasOwn(current, step)) {
    walkPattern(current[step], pattern, depth + 1, [...path, step], wildcards, out);
  }
}

function toReference(
  content: FlowContent,
  action: FlowAction,
  rule: ReferenceRule,
  match: ParamMatch,
): Reference | null {
  const { value } = match;
  if (typeof value !== 'string') return null;
  const kind = rule.kind === 'from-arn' ? arnResourceKind(value) : rule.kind;
  if (kind === null) return null;
  const base: JsonPath = ['Metadata', 'ActionMetadata', action.Identifier];
  // Slots are read from the action's own metadata entry, found once, not from the root each time.
  const meta = getAt(content, base);
  const nameSlots = meta === undefined ? [] : concreteSlots(base, rule.nameCopies, match.wildcards);
  const valueKind = valueKindOf(rule, value);
  const lexName = kind === 'lex-bot' && meta !== undefined ? lexV2NameOf(meta, base) : null;
  const name =
    identityName(kind, value) ??
    lexName ??
    firstName(meta, nameSlots, base.length) ??
    fallbackName(kind, value, valueKind);
  if (value === '' && name === null) return null;
  const idSlots = meta === undefined ? [] : concreteSlots(base, rule.idCopies, match.wildcards);
  return {
    kind,
    action: action.Identifier,
    actionType: action.Type,
    path: match.path,
    value,
    name,
    valueKind,
    required: rule.required && !(kind === 'view' && isAwsManagedView(value, valueKind)),
    flowType: rule.flowType === 'event-hook' ? eventHookFlowType(String(match.wildcards[0])) : rule.flowType,
    copies: idSlots.filter((slot) => getAt(meta, slot, base.length) === value),
    // A `BOT/ALIAS` name is in no slot as such: the bot and alias slots are left as the designer wrote them.
    nameCopies:
      name === null || lexName !== null
        ? []
        : nameSlots.filter((slot) => getAt(meta, slot, base.length) === name),
  };
}

/** A rule's `valueKind: 'name'` keeps names that look like ids as names; templates stay what they are. */
function valueKindOf(rule: ReferenceRule, value: string): ValueKind {
  const kind = classifyValue(value);
  return rule.valueKind === 'name' && (kind === 'arn' || kind === 'id') ? 'name' : kind;
}

/** Metadata templates made concrete from the document root; a template whose `match` is missing is dropped. */
function concreteSlots(
  base: JsonPath,
  templates: readonly (readonly MetaStep[])[],
  wildcards: readonly (string | number)[],
): JsonPath[] {
  const out: JsonPath[] = [];
  for (const template of templates) {
    const path: (string | number)[] = [...base];
    for (const step of template) {
      const concrete = typeof step === 'object' ? wildcards[step.match] : step;
      if (concrete === undefined) break;
      path.push(concrete);
    }
    if (path.length === base.length + template.length) out.push(path);
  }
  return out;
}

/** The first usable display name among `slots`, read inside `meta` (the node their first `skip` steps lead to). */
function firstName(meta: Json | undefined, slots: readonly JsonPath[], skip: number): string | null {
  for (const slot of slots) {
    const name = getAt(meta, slot, skip);
    if (typeof name === 'string' && name.trim() !== '') return name;
  }
  return null;
}

/**
 * The name a value's ARN carries, for kinds whose ARN holds the name rather than an id (a Lambda
 * function: `…:function:NAME`). That name is the resource's identity; the designer's label is only
 * display and may say anything ("SELECT LAMBDA FUNCTION HERE" in AWS's own samples). Lex V2
 * alias ARNs and Connect ARNs carry ids, so they have no such name.
 */
function identityName(kind: ResourceKind, value: string): string | null {
  return kind === 'lambda' ? lambdaFunctionName(value) : null;
}

/**
 * A Lex V2 alias's `BOT/ALIAS` name from the designer's metadata (the alias name in the
 * parameter's `displayName` or `lexV2BotAliasName`, the bot name in `lexV2BotName`), or `null`
 * unless both are there.
 */
function lexV2NameOf(meta: Json, base: JsonPath): string | null {
  const param: JsonPath = [...base, 'parameters', 'LexV2Bot', 'AliasArn'];
  const alias = firstName(
    meta,
    [
      [...param, 'displayName'],
      [...base, 'lexV2BotAliasName'],
    ],
    base.length,
  );
  const bot = firstName(
    meta,
    [
      [...base, 'lexV2BotName'],
      [...param, 'lexV2BotName'],
    ],
    base.length,
  );
  return alias === null || bot === null ? null : lexV2AliasName(bot, alias);
}

/** Names the value itself carries: a Lambda ARN's function name; a value that is a name (a Lex V1 bot). */
function fallbackName(kind: ResourceKind, value: string, valueKind: ValueKind): string | null {
  if (valueKind === 'name') return value.trim() === '' ? null : value;
  return kind === 'lambda' ? lambdaFunctionName(value) : null;
}

/** AWS-managed views (`confirmation`, `arn:aws:connect:REGION:aws:view/…`) exist in every instance. */
function isAwsManagedView(value: string, valueKind: ValueKind): boolean {
  if (valueKind === 'id') return !isUuid(value);
  return valueKind === 'arn' && isAwsManagedViewArn(value);
}
