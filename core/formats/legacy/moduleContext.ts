import type { Severity } from '../../diagnostics.js';
import type { JsonPath } from '../../json.js';
import type { ModuleContext } from './converterTypes.js';
import type { LegacyModule, LegacyParameter } from './legacySchema.js';
import { namespacedValue, scalarText } from './legacyValues.js';

/** A finding made while converting one module, before the block name is known. */
export interface ModuleNote {
  readonly severity: Severity;
  readonly code: string;
  readonly message: string;
  readonly hint: string;
}

/** A resource display name to write at `ActionMetadata[id].parameters.<path>.displayName`. */
export interface DisplayName {
  readonly path: JsonPath;
  readonly name: string;
}

/** A {@link ModuleContext} plus what it collected, for the orchestrator to read afterwards. */
export interface CollectingContext extends ModuleContext {
  readonly notes: readonly ModuleNote[];
  readonly displayNames: readonly DisplayName[];
  /** Parameters no converter asked for, in file order. */
  unusedParameters(): readonly LegacyParameter[];
}

/** Builds the context a module converter reads its module through. */
export function createModuleContext(module: LegacyModule): CollectingContext {
  const all = module.parameters ?? [];
  const used = new Set<number>();
  const notes: ModuleNote[] = [];
  const displayNames: DisplayName[] = [];

  const take = (name: string): LegacyParameter[] => {
    const found: LegacyParameter[] = [];
    all.forEach((p, i) => {
      if (p.name !== name) return;
      used.add(i);
      found.push(p);
    });
    return found;
  };

  const context: CollectingContext = {
    module,
    notes,
    displayNames,
    param: (name) => take(name)[0],
    params: (name) => take(name),
    text: (name) => {
      const p = take(name)[0];
      return p === undefined ? undefined : scalarText(p.value);
    },
    value: (name, displayAt) => {
      const p = take(name)[0];
      return p === undefined ? undefined : context.valueOf(p, displayAt);
    },
    valueOf: (param, displayAt) => {
      const converted = namespacedValue(param.value, param.namespace);
      if (converted.doubt !== null) {
        notes.push({
          severity: 'warning',
          code: converted.doubt.code,
          message: `Parameter ${param.name} of module ${module.id}: ${converted.doubt.message}.`,
          hint: 'Open the block in the flow designer and pick the attribute again, or fix the path by hand.',
        });
      }
      if (displayAt !== undefined && typeof param.resourceName === 'string' && param.resourceName !== '') {
        displayNames.push({ path: displayAt, name: param.resourceName });
      }
      return converted.value;
    },
    displayName: (path, name) => {
      displayNames.push({ path, name });
    },
    warn: (code, message, hint) => {
      notes.push({ severity: 'warning', code, message, hint });
    },
    unusedParameters: () => all.filter((_, i) => !used.has(i)),
  };
  return context;
}
