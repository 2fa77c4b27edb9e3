import type { Json, JsonObject, JsonPath } from '../../json.js';
import type { LegacyModule, LegacyParameter } from './legacySchema.js';

/** Where one legacy branch goes in the Flow Language `Transitions`. */
export type BranchTarget =
  /** `Transitions.NextAction`. */
  | { readonly slot: 'next' }
  /** A `Transitions.Errors[]` entry. */
  | { readonly slot: 'error'; readonly errorType: string }
  /** A `Transitions.Conditions[]` entry with a fixed test (`Looping` → `Equals ContinueLooping`). */
  | { readonly slot: 'condition'; readonly operator: string; readonly operand: string }
  /**
   * A `Transitions.Conditions[]` entry built from the branch's `conditionType`/`conditionValue`;
   * `operand` rewrites the value when the units differ (milliseconds → seconds).
   */
  | { readonly slot: 'evaluate'; readonly operand?: (value: Json | undefined) => string };

/** A legacy branch name → its place in the Flow Language, for one module type. */
export type BranchTable = Readonly<Record<string, BranchTarget>>;

/** What a module converter produces: the action's type and parameters, and how its branches map. */
export interface ConvertedModule {
  readonly type: string;
  readonly parameters: JsonObject;
  readonly branches: BranchTable;
  /**
   * Legacy branches, in order of preference, whose target also becomes `NextAction` when the
   * block has no `Success` branch (see {@link DEFAULT_FALLBACK}).
   */
  readonly fallback?: readonly string[];
}

/**
 * The flow designer gives every non-terminal action a `NextAction`; a block without a success
 * output gets the target of its catch-all branch, nearly always the error branch (every
 * TransferToFlow, TransferContactToQueue, CheckHoursOfOperation and Wait in the corpus). Compare
 * uses its no-match branch and Loop its done branch instead.
 */
export const DEFAULT_FALLBACK: readonly string[] = ['Error'];

/** A module the converter recognised but cannot express faithfully; `reason` says why. */
export interface Unconvertible {
  readonly unconvertible: string;
}

/** Reads one legacy module for its converter and collects what the conversion noticed. */
export interface ModuleContext {
  readonly module: LegacyModule;
  /** The first parameter called `name` (marked as used), or undefined. */
  param(name: string): LegacyParameter | undefined;
  /** Every parameter called `name`, in file order (all marked as used). */
  params(name: string): readonly LegacyParameter[];
  /** The static text of the first parameter called `name`, ignoring any namespace. */
  text(name: string): string | undefined;
  /**
   * The Flow Language value of the first parameter called `name` (namespaces become JSONPaths).
   * When the parameter carries a `resourceName`, it is recorded as the display name at
   * `displayAt` (a path under `ActionMetadata[id].parameters`).
   */
  value(name: string, displayAt?: JsonPath): string | undefined;
  /** Same as {@link ModuleContext.value} for a parameter already in hand. */
  valueOf(param: LegacyParameter, displayAt?: JsonPath): string;
  /** Records a display name under `ActionMetadata[id].parameters`. */
  displayName(path: JsonPath, name: string): void;
  /** Reports something a person should check; the module's id and block are added. */
  warn(code: string, message: string, hint: string): void;
}

/** Converts one legacy module (type and target already matched). */
export type ModuleConverter = (ctx: ModuleContext) => ConvertedModule | Unconvertible;

/** True when a converter gave up on a module. */
export function isUnconvertible(result: ConvertedModule | Unconvertible): result is Unconvertible {
  return 'unconvertible' in result;
}

/** The branches nearly every block has: `Success` → next, `Error` → `NoMatchingError`. */
export const SUCCESS_ERROR: BranchTable = {
  Success: { slot: 'next' },
  Error: { slot: 'error', errorType: 'NoMatchingError' },
};

/** What to do with a legacy block flowgate cannot convert: let the designer convert it. */
export const RESAVE_HINT =
  'Open the flow in the Amazon Connect flow designer and save it (the designer converts it to the Flow Language), then export it again.';
