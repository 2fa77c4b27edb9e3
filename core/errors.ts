import type { Role } from './config.js';
import type { Diagnostic } from './diagnostics.js';
import type { PublishRequest } from './versions/types.js';

/** Base of every error flowgate raises on purpose. Branch on the class or `code`, never the message. */
export class FlowgateError extends Error {
  readonly code: string;
  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'FlowgateError';
    this.code = code;
  }
}

/**
 * A file that cannot be read as a flow. `position` is the 1-based line and column in the text
 * that failed to parse (the file itself, or a `Content` string inside it).
 */
export class FlowFileError extends FlowgateError {
  readonly file: string;
  readonly position: { readonly line: number; readonly column: number } | null;
  readonly hint: string;
  constructor(
    code: string,
    file: string,
    message: string,
    hint: string,
    position: { line: number; column: number } | null = null,
    options?: { cause?: unknown },
  ) {
    super(code, message, options);
    this.name = 'FlowFileError';
    this.file = file;
    this.position = position;
    this.hint = hint;
  }
}

/** A catalog (target inventory) that is malformed. `key` names the offending field. */
export class CatalogError extends FlowgateError {
  readonly source: string;
  readonly key: string | null;
  constructor(source: string, key: string | null, message: string, options?: { cause?: unknown }) {
    super('invalid-catalog', message, options);
    this.name = 'CatalogError';
    this.source = source;
    this.key = key;
  }
}

/**
 * The contact center refused a write. `diagnostics` carry its validation problems on the blocks
 * they concern (Connect's `InvalidContactFlowException` problems), when it gave any.
 */
export class ContactCenterError extends FlowgateError {
  readonly diagnostics: readonly Diagnostic[];
  readonly retryable: boolean;
  constructor(
    code: string,
    message: string,
    diagnostics: readonly Diagnostic[] = [],
    options?: { cause?: unknown; retryable?: boolean },
  ) {
    super(code, message, options);
    this.name = 'ContactCenterError';
    this.diagnostics = diagnostics;
    this.retryable = options?.retryable ?? false;
  }
}

/**
 * What a refusal is about, as facts, so each entry point words it for its reader (Slack in the
 * second person with mentions and date tokens, the CLI as terminal text) instead of reusing one
 * sentence written for nobody in particular.
 */
export type RefusalFacts =
  /** The request cannot be approved or rejected as it stands (decided, expired, or the requester's own). */
  | {
      readonly kind: 'request';
      readonly doing: 'approve' | 'reject' | 'publish';
      readonly request: PublishRequest;
      /** Who may approve instead (the publishers' role entries: user and user-group ids, names). */
      readonly approvers: readonly string[];
    }
  /** The actor lacks the role for what they tried. */
  | { readonly kind: 'role'; readonly role: Role; readonly doing: string }
  /** The request no longer matches what was reviewed, and why. */
  | { readonly kind: 'stale'; readonly request: PublishRequest; readonly cause: StaleCause };

/** Why a request went stale: its version is gone or changed, a newer one came, a reference was re-resolved. */
export type StaleCause =
  | { readonly kind: 'gone' | 'content' | 'resolution' }
  | { readonly kind: 'newer'; readonly by: string; readonly version: number; readonly at: string }
  | {
      readonly kind: 'remapped';
      readonly by: string;
      readonly at: string;
      readonly resource: string;
      readonly source: string;
    };

/** A use case refused: the actor lacks the role, a request is not pending, a version does not exist… */
export class ServiceError extends FlowgateError {
  /** The facts behind the message, where an entry point words them itself; null otherwise. */
  readonly facts: RefusalFacts | null;
  constructor(
    code:
      | 'forbidden'
      | 'not-found'
      | 'conflict'
      | 'invalid-state'
      | 'self-approval'
      | 'stale-request'
      | 'drift'
      | 'not-publishable'
      | 'unknown-environment'
      | 'already-requested'
      | 'invalid-input',
    message: string,
    options?: { cause?: unknown; facts?: RefusalFacts },
  ) {
    super(code, message, options);
    this.name = 'ServiceError';
    this.facts = options?.facts ?? null;
  }
}

/**
 * Publishing was asked for a version that already has an open request in the environment
 * (pending, or approved and being published): nothing new was made, and `request` is that one,
 * so each entry point can answer with it ("already requested by … at …") instead of a second.
 */
export class AlreadyRequestedError extends ServiceError {
  readonly request: PublishRequest;
  constructor(request: PublishRequest, message: string) {
    super('already-requested', message);
    this.name = 'AlreadyRequestedError';
    this.request = request;
  }
}

/** A configuration file that is malformed. `key` names the offending setting (`environments.prod.connect.region`). */
export class ConfigError extends FlowgateError {
  readonly key: string | null;
  constructor(key: string | null, message: string, options?: { cause?: unknown }) {
    super('invalid-config', message, options);
    this.name = 'ConfigError';
    this.key = key;
  }
}

/**
 * A local data folder (`.flowgate/`, or FLOWGATE_HOME) this process cannot write where it must:
 * `folder` is the path refused, `reason` the system's code (`EACCES`, `EROFS`…). Exit 2 in the CLI:
 * the setup is wrong, not flowgate.
 */
export class DataFolderError extends FlowgateError {
  readonly folder: string;
  readonly reason: string;
  constructor(folder: string, reason: string, message: string, options?: { cause?: unknown }) {
    super('data-folder-not-writable', message, options);
    this.name = 'DataFolderError';
    this.folder = folder;
    this.reason = reason;
  }
}
