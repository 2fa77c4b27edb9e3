/** The parts of dynalite (an in-process DynamoDB server) flowgate uses: it ships no types. */
declare module 'dynalite' {
  import type { Server } from 'node:http';

  interface DynaliteOptions {
    /** LevelDB folder; in memory when absent. */
    path?: string;
    /** How long tables stay CREATING / DELETING / UPDATING (default 500 ms each). */
    createTableMs?: number;
    deleteTableMs?: number;
    updateTableMs?: number;
    /** Largest item in KB (default 400, as DynamoDB). */
    maxItemSizeKb?: number;
    verbose?: boolean;
  }

  /** An HTTP server speaking the DynamoDB protocol; `listen` it, `close` it when done. */
  function dynalite(options?: DynaliteOptions): Server;
  export = dynalite;
}
