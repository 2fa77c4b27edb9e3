import { FlowgateError } from '../errors.js';
import type { FlowContent } from '../flow.js';
import { isJsonObject, type Json, type JsonPath } from '../json.js';
import { lexV1BotOfArn } from './arnKind.js';
import { type ActionIndex, companionSites, indexActions, parameterSite } from './referenceSites.js';
import type { Reference } from './types.js';

/** What one reference should point at in the target. */
export interface Rewrite {
  readonly reference: Reference;
  readonly target: { readonly arn: string | null; readonly id: string | null; readonly name: string };
}

/** Pending writes, as a tree of path steps, so the document is copied once along shared prefixes. */
interface WriteNode {
  value?: Json;
  readonly children: Map<string | number, WriteNode>;
}

/**
 * A new document with each reference and its metadata copies pointed at its target; the input is
 * not changed. The parameter keeps its form: an id stays an id (a module UUID stays a UUID), an
 * ARN or a name becomes the target's ARN (its id when it has none). Id copies get the same value,
 * name copies the target's name. A Lex V1 bot gets the target's name; its `Region` and `Alias`
 * change only when the target's ARN is a Lex V1 ARN that says otherwise. Only objects on a written
 * path are copied; everything else is shared with the input.
 *
 * @throws FlowgateError `retarget-stale-reference` when a reference does not match the document,
 *   `retarget-missing-target` when a target has neither ARN nor id.
 */
export function retarget(content: FlowContent, rewrites: readonly Rewrite[]): FlowContent {
  const root: WriteNode = { children: new Map() };
  const index = indexActions(content);
  for (const rewrite of rewrites) planRewrite(content, index, rewrite, root);
  return applyWrites(content as unknown as Json, root) as unknown as FlowContent;
}

function planRewrite(content: FlowContent, index: ActionIndex, rewrite: Rewrite, root: WriteNode): void {
  const { reference, target } = rewrite;
  const parameter = parameterSite(content, index, reference);
  if (parameter === null) {
    throw new FlowgateError(
      'retarget-stale-reference',
      `Reference ${reference.kind} in action "${reference.action}" does not match the flow being re-targeted.`,
    );
  }
  if (reference.kind === 'lex-v1-bot') {
    planLexV1(content, parameter, rewrite, root);
    return;
  }
  const value = targetValue(reference, target);
  for (const site of [parameter, ...reference.copies]) addWrite(root, site, value);
  for (const site of reference.nameCopies) addWrite(root, site, target.name);
}

/** An id stays an id; an ARN, a name or a template becomes an ARN; each falls back to the other form. */
function targetValue(reference: Reference, target: Rewrite['target']): string {
  const value = reference.valueKind === 'id' ? (target.id ?? target.arn) : (target.arn ?? target.id);
  if (value === null) {
    throw new FlowgateError(
      'retarget-missing-target',
      `The target for ${reference.kind} "${reference.name ?? reference.value}" in action "${reference.action}" has neither an ARN nor an id.`,
    );
  }
  return value;
}

function planLexV1(content: FlowContent, parameter: JsonPath, rewrite: Rewrite, root: WriteNode): void {
  addWrite(root, parameter, rewrite.target.name);
  const lex = rewrite.target.arn === null ? null : lexV1BotOfArn(rewrite.target.arn);
  if (lex === null) return;
  for (const site of companionSites(content, parameter, rewrite.reference)) {
    const key = site[site.length - 1];
    const value = key === 'Region' ? lex.region : key === 'Alias' ? lex.alias : null;
    if (value !== null && value !== '') addWrite(root, site, value);
  }
  for (const site of rewrite.reference.nameCopies) addWrite(root, site, rewrite.target.name);
}

function addWrite(root: WriteNode, path: JsonPath, value: Json): void {
  let node = root;
  for (const step of path) {
    let child = node.children.get(step);
    if (child === undefined) {
      child = { children: new Map() };
      node.children.set(step, child);
    }
    node = child;
  }
  node.value = value;
}

/** Copies `node` along the written paths only; a path that no longer exists is left alone. */
function applyWrites(node: Json, writes: WriteNode): Json {
  if (writes.value !== undefined) return writes.value;
  if (Array.isArray(node)) {
    const copy: Json[] = node.slice();
    for (const [step, child] of writes.children) {
      if (typeof step === 'number' && step < copy.length) copy[step] = applyWrites(copy[step] as Json, child);
    }
    return copy;
  }
  if (!isJsonObject(node)) return node;
  const copy: Record<string, Json> = { ...node };
  for (const [step, child] of writes.children) {
    if (typeof step === 'string' && Object.hasOwn(node, step)) {
      setOwn(copy, step, applyWrites(copy[step] as Json, child));
    }
  }
  return copy;
}

/**
 * Plain assignment would treat a `__proto__` key (possible in parsed JSON) as the prototype, so
 * that one key is defined; every other key is assigned, which keeps V8's fast object layout
 * (defining properties on a 250-key metadata map turns it into a slow dictionary).
 */
function setOwn(target: Record<string, Json>, key: string, value: Json): void {
  if (key === '__proto__') {
    Object.defineProperty(target, key, { value, writable: true, enumerable: true, configurable: true });
  } else {
    target[key] = value;
  }
}
