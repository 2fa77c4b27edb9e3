/** How many close names an error message suggests. */
const MAX_SUGGESTIONS = 5;

/**
 * The candidates most like `wanted`, best first, for "did you mean" messages: the same text in
 * another case, then names containing it (or contained in it), then names a few edits away
 * (about a third of the length). Stable: ties keep the candidates' order.
 */
export function closeNames(wanted: string, candidates: Iterable<string>, limit = MAX_SUGGESTIONS): string[] {
  const needle = wanted.toLowerCase();
  const scored: { name: string; score: number; index: number }[] = [];
  let index = 0;
  for (const name of new Set(candidates)) {
    const score = closeness(needle, name.toLowerCase());
    if (score !== null) scored.push({ name, score, index });
    index++;
  }
  return scored
    .sort((a, b) => a.score - b.score || a.index - b.index)
    .slice(0, limit)
    .map((s) => s.name);
}

/** `names` quoted and joined for a message, or `fallback` when there are none. */
export function quoteList(names: readonly string[], fallback = 'none'): string {
  return names.length === 0 ? fallback : names.map((n) => `'${n}'`).join(', ');
}

/** Lower is closer; null when not close at all. */
function closeness(wanted: string, name: string): number | null {
  if (wanted === name) return 0;
  if (name.includes(wanted) || wanted.includes(name)) return 1;
  const budget = Math.max(2, Math.floor(wanted.length / 3));
  const distance = editDistance(wanted, name, budget);
  return distance <= budget ? 1 + distance : null;
}

/** Levenshtein distance, giving up (returning `budget + 1`) once it must exceed `budget`. */
function editDistance(a: string, b: string, budget: number): number {
  if (Math.abs(a.length - b.length) > budget) return budget + 1;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const value = Math.min(
        (previous[j] ?? 0) + 1,
        (current[j - 1] ?? 0) + 1,
        (previous[j - 1] ?? 0) + cost,
      );
      current.push(value);
      best = Math.min(best, value);
    }
    if (best > budget) return budget + 1;
    previous = current;
  }
  return previous[b.length] ?? budget + 1;
}
