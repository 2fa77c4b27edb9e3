import { formatPath, type JsonPath } from './json.js';

/** One problem found in an input file: where (a path of keys), and what is wrong. */
export interface Problem {
  readonly path: JsonPath;
  readonly message: string;
}

/** How many problems one message lists before "and N more". */
const MAX_LISTED_PROBLEMS = 5;

/**
 * One message for a list of problems of a file (`prod.json: resources[3].kind: …; …; and 2 more`)
 * and the key of the first, for errors that carry the offending key.
 */
export function summarizeProblems(
  source: string,
  problems: readonly Problem[],
): { key: string | null; message: string } {
  const [first] = problems;
  const listed = problems
    .slice(0, MAX_LISTED_PROBLEMS)
    .map((p) => `${formatPath(p.path) || '(root)'}: ${p.message}`);
  const more =
    problems.length > MAX_LISTED_PROBLEMS ? `; and ${problems.length - MAX_LISTED_PROBLEMS} more` : '';
  const key = first === undefined ? null : formatPath(first.path) || null;
  return { key, message: `${source}: ${listed.join('; ')}${more}` };
}
