import type { ResourceKind } from '../references/types.js';

/**
 * One rename rule: a resource of `kind` named like `from` (a glob where `*` stands for any text,
 * possibly none) is looked for in the target as `to`, each `*` of `to` filled with what the `*`
 * in the same position of `from` matched: `dev-*` → `prod-*` turns `dev-lookup` into `prod-lookup`.
 */
export interface RenameRule {
  readonly kind: ResourceKind;
  readonly from: string;
  readonly to: string;
}

/** The rules that apply when content from environment `from` is imported into environment `to`. */
export interface RenamePair {
  readonly from: string;
  readonly to: string;
  readonly rules: readonly RenameRule[];
}

/** A name a rule turned another into, and the rule, for the report ("by rule dev-* → prod-*"). */
export interface Renamed {
  readonly name: string;
  readonly rule: RenameRule;
}

const WILDCARD = '*';

/** How many `*` a pattern holds. */
export function wildcardCount(pattern: string): number {
  return pattern.split(WILDCARD).length - 1;
}

/**
 * `name` renamed by `rule`, or null when the rule is for another kind or its `from` does not
 * match the whole name. Each `*` matches as little as lets the rest match (`*-*` splits
 * `a-b-c` as `a` and `b-c`), so one rule always renames a name the same way.
 */
export function applyRenameRule(rule: RenameRule, kind: ResourceKind, name: string): string | null {
  if (rule.kind !== kind) return null;
  const match = globPattern(rule.from).exec(name);
  if (match === null) return null;
  const captured = match.slice(1);
  const pieces = rule.to.split(WILDCARD);
  return pieces.reduce((out, piece, i) => (i === 0 ? piece : `${out}${captured[i - 1] ?? ''}${piece}`), '');
}

/** Every renaming of `name` by the rules, in rule order (a name two rules rename is tried both ways). */
export function renamesOf(rules: readonly RenameRule[], kind: ResourceKind, name: string): Renamed[] {
  const out: Renamed[] = [];
  for (const rule of rules) {
    const renamed = applyRenameRule(rule, kind, name);
    // A rule that gives the name back (`*` → `*`) would only repeat the name step.
    if (renamed !== null && renamed !== name) out.push({ name: renamed, rule });
  }
  return out;
}

/**
 * The rules for content that came from `source` (null: not known, as for an exported file) going
 * into `target`: the rules of the configured pair `source → target`, else none.
 */
export function renameRulesFor(
  renames: readonly RenamePair[],
  source: string | null,
  target: string,
): readonly RenameRule[] {
  if (source === null) return [];
  return renames.find((pair) => pair.from === source && pair.to === target)?.rules ?? [];
}

/** "dev-* → prod-*", as reports show a rule. */
export function describeRenameRule(rule: Pick<RenameRule, 'from' | 'to'>): string {
  return `${rule.from} → ${rule.to}`;
}

const compiled = new Map<string, RegExp>();

function globPattern(glob: string): RegExp {
  const cached = compiled.get(glob);
  if (cached !== undefined) return cached;
  const body = glob
    .split(WILDCARD)
    .map((literal) => literal.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('(.*?)');
  // `s`: a name with a line break is still one name.
  const pattern = new RegExp(`^${body}$`, 's');
  compiled.set(glob, pattern);
  return pattern;
}
