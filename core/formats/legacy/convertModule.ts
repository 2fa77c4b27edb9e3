import { blockName } from '../../actions.js';
import type { Diagnostic } from '../../diagnostics.js';
import type { FlowAction } from '../../flow.js';
import type { JsonObject } from '../../json.js';
import { mapBranches } from './branchMapping.js';
import { isUnconvertible, RESAVE_HINT } from './converterTypes.js';
import { actionMetadata } from './legacyMetadata.js';
import { KNOWN_KEYS, type LegacyModule, legacyLabel } from './legacySchema.js';
import { scalarText } from './legacyValues.js';
import { type CollectingContext, createModuleContext, type ModuleNote } from './moduleContext.js';
import { findConverter } from './moduleConverters.js';

/** One module converted: its action and `ActionMetadata` entry, or the reasons it could not be. */
export type ModuleOutcome =
  | {
      readonly ok: true;
      readonly action: FlowAction;
      readonly metadata: JsonObject;
      readonly diagnostics: readonly Diagnostic[];
    }
  | { readonly ok: false; readonly diagnostics: readonly Diagnostic[] };

/**
 * Converts one legacy module to a Flow Language action. The module `id` stays the
 * `Identifier`; `moduleIds` are the flow's module ids, which branches may point at.
 */
export function convertModule(module: LegacyModule, moduleIds: ReadonlySet<string>): ModuleOutcome {
  const converter = findConverter(module);
  if (converter === undefined) return unconvertible(module, 'flowgate does not know this module type');
  const ctx = createModuleContext(module);
  const result = converter(ctx);
  if (isUnconvertible(result)) return unconvertible(module, result.unconvertible);
  const branches = mapBranches(module, result.branches, moduleIds, result.fallback);
  const notes = [
    ...ctx.notes,
    ...branches.notes,
    ...unusedParameters(ctx, result.type),
    ...unknownKeys(module),
  ];
  const block = blockName(result.type);
  return {
    ok: true,
    action: {
      Identifier: module.id,
      Type: result.type,
      Parameters: result.parameters,
      Transitions: branches.transitions,
    },
    metadata: actionMetadata(module, ctx.displayNames),
    diagnostics: notes.map((note) => ({ ...note, action: module.id, block })),
  };
}

function unconvertible(module: LegacyModule, reason: string): ModuleOutcome {
  return {
    ok: false,
    diagnostics: [
      {
        severity: 'error',
        code: 'unconvertible-module',
        action: module.id,
        block: null,
        message: `Module ${module.id} of type ${legacyLabel(module)} cannot be converted: ${reason}.`,
        hint: RESAVE_HINT,
      },
    ],
  };
}

function unusedParameters(ctx: CollectingContext, type: string): ModuleNote[] {
  return ctx.unusedParameters().map((p) => ({
    severity: 'warning',
    code: 'legacy-field-dropped',
    message: `Module ${ctx.module.id} (${legacyLabel(ctx.module)}): parameter ${p.name} = "${scalarText(p.value)}" has no place in ${type} and was dropped.`,
    hint: 'Check the converted block in the flow designer and set this option again if it matters.',
  }));
}

function unknownKeys(module: LegacyModule): ModuleNote[] {
  const notes: ModuleNote[] = [];
  const report = (where: string, key: string): void => {
    notes.push({
      severity: 'warning',
      code: 'legacy-field-dropped',
      message: `Module ${module.id} (${legacyLabel(module)}): ${where} key "${key}" has no place in the Flow Language and was dropped.`,
      hint: 'Check the converted block in the flow designer; re-create the setting there if it matters.',
    });
  };
  for (const key of extraKeys(module, KNOWN_KEYS.module)) report('module', key);
  for (const p of module.parameters ?? []) {
    for (const key of extraKeys(p, KNOWN_KEYS.parameter)) report(`parameter ${p.name}`, key);
  }
  for (const b of module.branches ?? []) {
    for (const key of extraKeys(b, KNOWN_KEYS.branch)) report(`branch ${b.condition}`, key);
  }
  return notes;
}

/** Keys of `value` outside `known`, in file order. */
export function extraKeys(value: object, known: readonly string[]): string[] {
  return Object.keys(value).filter((key) => !known.includes(key));
}
