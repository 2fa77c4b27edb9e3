/** JSON values exactly as `JSON.parse` produces them. */
export type Json = string | number | boolean | null | readonly Json[] | JsonObject;
/** A JSON object. */
export type JsonObject = { readonly [key: string]: Json };
/** A location inside a JSON document: object keys and array indexes, outermost first. */
export type JsonPath = readonly (string | number)[];

/** True when `value` is a plain JSON object (not an array, not null). */
export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The value at `path` inside `root`, or `undefined` when any step is missing. With `from`, the
 * walk starts at that step of `path` (`root` is then the node the earlier steps lead to), which
 * lets a caller that already holds an inner node skip the outer steps without copying the path.
 */
export function getAt(root: unknown, path: JsonPath, from = 0): Json | undefined {
  let node: unknown = root;
  for (let i = from; i < path.length; i++) {
    const step = path[i];
    if (step === undefined) return undefined;
    if (typeof step === 'number') {
      if (!Array.isArray(node)) return undefined;
      node = node[step];
    } else {
      if (!isJsonObject(node) || !Object.hasOwn(node, step)) return undefined;
      node = node[step];
    }
  }
  return node as Json | undefined;
}

/** Renders a path the way people read it: `Parameters.Messages[0].PromptId`. */
export function formatPath(path: JsonPath): string {
  let out = '';
  for (const step of path) {
    if (typeof step === 'number') out += `[${step}]`;
    else if (/^[A-Za-z_$][\w$]*$/.test(step)) out += out === '' ? step : `.${step}`;
    else out += `[${JSON.stringify(step)}]`;
  }
  return out;
}
