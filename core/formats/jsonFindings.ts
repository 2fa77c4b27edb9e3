import { blockName } from '../actions.js';
import type { Diagnostic } from '../diagnostics.js';
import { formatPath, getAt, isJsonObject, type JsonPath } from '../json.js';
import { type JsonTextFindings, type LossyNumber, MAX_JSON_DEPTH } from './jsonChecks.js';

/** Where in a parsed document a finding is: the block it belongs to, and the field inside it. */
interface Place {
  readonly action: string | null;
  readonly block: string | null;
  /** The path from the block (or from the document when there is no block). */
  readonly field: JsonPath;
}

/**
 * The block a path leads into: through `Actions[i]`, or through `Metadata.ActionMetadata[id]`
 * (the designer's copy of a block's layout and names), wherever the document sits in the file.
 */
export function placeOf(root: unknown, path: JsonPath): Place {
  for (let i = 0; i + 1 < path.length; i++) {
    const step = path[i];
    const next = path[i + 1];
    if (step === 'Actions' && typeof next === 'number') {
      const action = getAt(root, path.slice(0, i + 2));
      if (isJsonObject(action) && typeof action.Identifier === 'string') {
        const type = typeof action.Type === 'string' ? action.Type : null;
        return {
          action: action.Identifier,
          block: type === null ? null : blockName(type),
          field: path.slice(i + 2),
        };
      }
    }
    if (step === 'ActionMetadata' && typeof next === 'string') {
      const actions = getAt(root, [...path.slice(0, Math.max(0, i - 1)), 'Actions']);
      const match = Array.isArray(actions)
        ? actions.find((a) => isJsonObject(a) && a.Identifier === next)
        : undefined;
      const type = isJsonObject(match) && typeof match.Type === 'string' ? match.Type : null;
      return {
        action: next,
        block: type === null ? null : blockName(type),
        field: ['Metadata', 'ActionMetadata', next, ...path.slice(i + 2)],
      };
    }
  }
  return { action: null, block: null, field: path };
}

/**
 * Findings for what `JSON.parse` let through: numbers a double cannot hold (errors: the stored
 * flow would say something else) and keys given twice (warnings: the last one wins). `root` is
 * the parsed document the paths start from; `within` names the field it was read from
 * (`ContactFlow.Content`), `null` for the file itself.
 */
export function jsonTextDiagnostics(
  file: string,
  root: unknown,
  found: JsonTextFindings,
  within: string | null,
): Diagnostic[] {
  const numbers = found.lossyNumbers.map((n) => lossyNumberFinding(file, n, placeOf(root, n.path), within));
  const keys = found.duplicateKeys.map((d) => {
    const place = placeOf(root, d.path);
    return duplicateKeyFinding(file, d.key, place, within);
  });
  return [...numbers, ...keys];
}

function subject(file: string, place: Place, within: string | null): string {
  if (place.action !== null) return `The "${place.block ?? 'unknown'}" block ${JSON.stringify(place.action)}`;
  return within === null ? file : `${within} in ${file}`;
}

function fieldText(field: JsonPath): string {
  return field.length === 0 ? 'the top level' : formatPath(field);
}

/** Long numbers are cut in messages: 400 digits help nobody. */
function shortNumber(text: string): string {
  return text.length <= 24 ? text : `${text.slice(0, 20)}… (${text.length} characters)`;
}

function lossyNumberFinding(file: string, n: LossyNumber, place: Place, within: string | null): Diagnostic {
  const becomes =
    n.becomes === 'null' ? 'null (it is larger than any number flowgate can hold)' : shortNumber(n.becomes);
  return {
    severity: 'error',
    code: 'unrepresentable-number',
    action: place.action,
    block: place.block,
    message: `${subject(file, place, within)} has the number ${shortNumber(n.text)} at ${fieldText(place.field)}, which flowgate cannot hold exactly: it would be stored and published as ${becomes}.`,
    hint: 'Write the value in quotes, as a string, if it is an id or other text; else as a number of at most 15 significant digits between ±1e308: flowgate, like most JSON readers, holds numbers as 64-bit floating point.',
  };
}

function duplicateKeyFinding(file: string, key: string, place: Place, within: string | null): Diagnostic {
  const where = place.field.length === 0 ? '' : ` in ${formatPath(place.field)}`;
  return {
    severity: 'warning',
    code: 'duplicate-key',
    action: place.action,
    block: place.block,
    message: `${subject(file, place, within)} gives ${JSON.stringify(key)} more than once${where}; only the last value is kept.`,
    hint: 'Remove the copy you do not mean: flowgate, like most JSON readers, keeps the last one and drops the others without a word.',
  };
}

/** The file nests objects and arrays past {@link MAX_JSON_DEPTH}: refused before anything walks it. */
export function nestedTooDeep(file: string, path: JsonPath, within: string | null): Diagnostic {
  const shown = formatPath(path.slice(0, 8));
  const what = within === null ? file : `${within} in ${file}`;
  return {
    severity: 'error',
    code: 'nested-too-deep',
    action: null,
    block: null,
    message: `${what} nests objects and arrays more than ${MAX_JSON_DEPTH} levels deep (at ${shown}${path.length > 8 ? '…' : ''}); flowgate reads at most ${MAX_JSON_DEPTH} levels.`,
    hint: 'Flow exports nest about 12 levels at most: check that the file was not generated by mistake, and flatten the value at that place.',
  };
}
