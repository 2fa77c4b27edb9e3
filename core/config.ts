/**
 * flowgate's configuration, as the use cases see it (parsed and checked by `parseConfig` in
 * `core/configSchema.ts`; read from a YAML or JSON file by the CLI and the handlers). Secrets are
 * never here: tokens and signing keys come from the environment or a secret store.
 */

import type { RenamePair } from './resolve/renameRules.js';

/** Where an environment's flows are published. */
export type EnvironmentTarget =
  | { readonly kind: 'connect'; readonly instanceArn: string; readonly region: string }
  /** The embedded local contact center: a target instance kept as files under `.flowgate/`, seeded from `seed`. */
  | { readonly kind: 'local'; readonly seed: string | null };

/** How publishing is approved in an environment. */
export interface ApprovalPolicy {
  /** When false, a publish request is approved as it is made (still recorded). */
  readonly required: boolean;
  /** When true, the requester may approve their own request. */
  readonly allowSelfApproval: boolean;
  /** Requests expire this many hours after they are made. */
  readonly expiresAfterHours: number;
  /** S3 and webhook imports request and publish by themselves (only where this is true). */
  readonly autoPublish: boolean;
  /**
   * An approved publish may associate the Lambda functions and Lex V2 bot aliases its flows use
   * with the instance, when Connect does not list them as associated (recorded in the audit).
   * Off by default: associating lets every flow of the instance invoke the function.
   */
  readonly associate: boolean;
}

/** One environment (test, prod, a child tenant…). */
export interface EnvironmentConfig {
  readonly name: string;
  readonly target: EnvironmentTarget;
  /** The environment whose resources this one inherits (a parent tenant), or null. */
  readonly parent: string | null;
  /** Slack channel ids bound to this environment: uploads there import into it. */
  readonly channels: readonly string[];
  readonly approval: ApprovalPolicy;
}

/** Who may do what. Entries are Slack user ids (`U…`) or user-group ids (`S…`); the CLI's `--as` names match too. */
export interface Roles {
  /** versions, diff, export, audit */
  readonly viewers: readonly string[];
  /** import, resolve, request publish, rollback */
  readonly editors: readonly string[];
  /** approve, reject */
  readonly publishers: readonly string[];
}

/** The whole configuration. */
export interface FlowgateConfig {
  readonly environments: Readonly<Record<string, EnvironmentConfig>>;
  readonly roles: Roles;
  /**
   * Rename rules per pair of environments (`test` → `prod`: `lambda dev-*` → `prod-*`), tried at
   * the name step when content from one is imported into the other. None when absent.
   */
  readonly renames?: readonly RenamePair[];
}

/** What an actor may do; each role includes the ones before it. */
export type Role = 'viewer' | 'editor' | 'publisher';

/** Who is acting: a Slack user (with the user groups they belong to) or a CLI `--as` name. */
export interface Actor {
  readonly id: string;
  readonly groups: readonly string[];
}
