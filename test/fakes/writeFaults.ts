import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { AuditLog, Versions } from '../../core/ports.js';
import type { AuditEvent, VersionDraft } from '../../core/versions/types.js';

/** The error a crashed store throws: every write after the allowed ones. */
export class InjectedCrash extends Error {
  constructor(what: string) {
    super(`injected crash before ${what}`);
    this.name = 'InjectedCrash';
  }
}

/**
 * A crash after the first `allowed` writes of a store, shared by every port on it: those writes
 * land, every later one throws {@link InjectedCrash}, as a process killed at that point would
 * leave the store. `allowed: null` lets every write through (and counts them).
 */
export class WriteFaults {
  /** Writes that landed. */
  written = 0;
  allowed: number | null = null;

  /** Counts a write about to happen; throws when the crash comes before it. */
  write(what: string): void {
    if (this.allowed !== null && this.written >= this.allowed) throw new InjectedCrash(what);
    this.written++;
  }
}

/** `versions` whose writes go through `faults` (reads pass): for fakes whose writes are one call each. */
export function faultyVersions(versions: Versions, faults: WriteFaults): Versions {
  return {
    appendVersion: async (draft: VersionDraft) => {
      faults.write('appendVersion');
      return versions.appendVersion(draft);
    },
    getVersion: (env, flowKey, number) => versions.getVersion(env, flowKey, number),
    listVersions: (env, flowKey) => versions.listVersions(env, flowKey),
    getHead: (env, flowKey) => versions.getHead(env, flowKey),
    listHeads: (env) => versions.listHeads(env),
    markPublished: async (env, flowKey, version, target) => {
      faults.write('markPublished');
      return versions.markPublished(env, flowKey, version, target);
    },
  };
}

/** `audit` whose appends go through `faults`. */
export function faultyAudit(audit: AuditLog, faults: WriteFaults): AuditLog {
  return {
    appendAudit: async (event: AuditEvent) => {
      faults.write('appendAudit');
      return audit.appendAudit(event);
    },
    listAudit: (env, since) => audit.listAudit(env, since),
  };
}

/** DynamoDB calls that write an item. */
const WRITE_COMMANDS = new Set([
  'PutItemCommand',
  'UpdateItemCommand',
  'DeleteItemCommand',
  'BatchWriteItemCommand',
  'TransactWriteItemsCommand',
]);

/**
 * Makes every item write `client` sends go through `faults` before it reaches the server: the
 * adapters' own writes, one by one (a version, its head, the flow index, an audit event), each a
 * point a crash can fall between.
 */
export function injectWriteFaults(client: DynamoDBClient, faults: WriteFaults): void {
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const command = context.commandName ?? '';
      if (WRITE_COMMANDS.has(command)) faults.write(command);
      return next(args);
    },
    { step: 'initialize', name: 'flowgateWriteFaults' },
  );
}
