/**
 * The store commands' names, apart from the commands themselves: `main.ts` recognises one without
 * loading the stores' clients, which only a store command needs (and which cost more to load than
 * `--help` or `validate` take in all).
 */

/** Commands that read or write the stores (and so open the runtime). */
export const STORE_COMMANDS = [
  'import',
  'versions',
  'diff',
  'export',
  'report',
  'resolve',
  'publish',
  'approve',
  'reject',
  'rollback',
  'audit',
  'catalog',
  'pull',
  'promote',
] as const;

/** One of {@link STORE_COMMANDS}. */
export type StoreCommand = (typeof STORE_COMMANDS)[number];

/** True when `command` is one of {@link STORE_COMMANDS}. */
export function isStoreCommand(command: string | undefined): command is StoreCommand {
  return command !== undefined && (STORE_COMMANDS as readonly string[]).includes(command);
}
