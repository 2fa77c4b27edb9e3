/** `error` blocks publishing; `warning` is reported and does not. */
export type Severity = 'error' | 'warning';

/**
 * One finding about a flow. `code` is stable (tools and tests match on it, never on `message`);
 * `action` is the action `Identifier` and `block` the designer's block name for its type, both
 * `null` for findings about the whole flow.
 */
export interface Diagnostic {
  readonly severity: Severity;
  readonly code: string;
  readonly action: string | null;
  readonly block: string | null;
  readonly message: string;
  readonly hint: string;
}

/** True when any diagnostic is an error (the flow cannot be published). */
export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}

/** Errors first, then warnings; stable within a severity. */
export function sortDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort((a, b) => rank(a) - rank(b));
}

function rank(d: Diagnostic): number {
  return d.severity === 'error' ? 0 : 1;
}
