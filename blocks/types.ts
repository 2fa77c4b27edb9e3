import type { Role } from '../core/config.js';
import type { Diagnostic } from '../core/diagnostics.js';
import type { PublishOutcome } from '../core/publish/publishOutcome.js';
import type { ResourceKind } from '../core/references/types.js';
import type { ResolutionStep } from '../core/resolve/types.js';
import type { FlowDiff } from '../core/versions/diff.js';
import type { FlowKey, RequestState } from '../core/versions/types.js';
import type { VersionState } from './versionState.js';

/**
 * View models: what the message builders need, built by the worker from core results
 * (`ImportResult`, `PublishRequest`, `ApproveResult`, …). Ids are Slack ids where Slack shows
 * people (`U…`) and flowgate ids elsewhere; times are ISO-8601.
 */

/** A replacement the user can pick: the option's label and the target resource's id (≤ 100 chars). */
export interface CandidateOption {
  readonly text: string;
  readonly value: string;
}

/**
 * What the user can pick from: the target's resources of the reference's kind when there are at
 * most 100, else `external` (type-ahead served by the options listener).
 */
export type ReferenceChoices =
  | { readonly external: false; readonly options: readonly CandidateOption[] }
  | { readonly external: true; readonly count: number };

/** One reference of an imported flow and where it points in the environment. */
export interface ReferenceView {
  /** Its index in the version's `references` (what a choice is recorded against). */
  readonly index: number;
  readonly kind: ResourceKind;
  /** The action's `Identifier` and the designer's block name for it. */
  readonly action: string;
  readonly block: string;
  /** The resource as the file names it (its display name, else its value). */
  readonly source: string;
  readonly required: boolean;
  readonly by: ResolutionStep;
  /** The target resource's name; null for `dynamic` and `unresolved`. */
  readonly target: string | null;
  /** For `rule`: the rename rule that found the target, as `dev-* → prod-*`. */
  readonly rule?: string;
  /** For `unresolved` references: what can replace it. Null otherwise. */
  readonly choices: ReferenceChoices | null;
}

/** One file of an import. */
export interface FlowReportView {
  readonly file: string;
  readonly name: string;
  /** Null when the file could not be read as a flow. */
  readonly flowKey: FlowKey | null;
  /** The stored version; null when nothing was stored (its diagnostics say why). */
  readonly version: number | null;
  /** True when this import created `version` (false: the content was already the latest). */
  readonly created: boolean;
  /** The version Diff compares against (the published one, else the one before), or null. */
  readonly previous: number | null;
  /** True when publishing this version replaces a flow definition already in the target. */
  readonly replacesTarget: boolean;
  /** Errors first (as core sorts them). */
  readonly diagnostics: readonly Diagnostic[];
  readonly references: readonly ReferenceView[];
  /** True when nothing blocks requesting a publish (core's `isPublishable` and a stored version). */
  readonly publishable: boolean;
  /** An expiring link to the version's HTML report (diagram, findings, references), when served. */
  readonly reportUrl?: string | null;
  /** Where the version stands now (requested, live, superseded…); absent when not loaded. */
  readonly state?: VersionState;
}

/** The report of one import (one file, or a zip of several). */
export interface ImportReportView {
  readonly env: string;
  /** Who imported (Slack user id or name). */
  readonly actor: string;
  readonly flows: readonly FlowReportView[];
}

/** A publish request, as approvers see it. */
export interface PublishRequestView {
  readonly requestId: string;
  readonly env: string;
  readonly flowKey: FlowKey;
  readonly name: string;
  readonly version: number;
  readonly requester: string;
  /** Who may approve it (the publishers' user and user-group ids, or names), the requester aside. */
  readonly approvers?: readonly string[];
  readonly requestedAt: string;
  readonly expiresAt: string;
  /** The published version this replaces, or null when the flow is new to the target or never published. */
  readonly replaces: number | null;
  /** The change against `replaces` (or the previous version); null when there is nothing to compare. */
  readonly diff: { readonly from: number; readonly to: number; readonly changes: FlowDiff } | null;
  /** An expiring link to the version's HTML report (diagram, findings, changes), where reports are served. */
  readonly reportUrl?: string | null;
  /**
   * For the lead of a batch (a promote): the names of the other flows it publishes together,
   * decided with it. Absent or empty for a request of its own.
   */
  readonly together?: readonly string[];
}

/** The same request after its decision (or expiry), with what publishing did. */
export interface RequestDecidedView extends PublishRequestView {
  readonly state: Exclude<RequestState, 'pending'>;
  /** Who decided; null for an expiry. */
  readonly decidedBy: string | null;
  readonly decidedAt: string | null;
  readonly reason: string | null;
  /** Null when nothing was published (rejected, expired, or waiting for linked approvals). */
  readonly outcome: PublishOutcome | null;
  /** Flows that must be approved first, by name (from `ApproveResult.waitingKeys`). */
  readonly waitingFor: readonly string[];
}

/** A flow file shared in a channel bound to no environment. */
export interface EnvironmentPickerView {
  /** Slack file id. */
  readonly fileId: string;
  readonly fileName: string;
  readonly environments: readonly string[];
}

/** An open publish request as App Home lists it. */
export interface HomeRequestView {
  readonly requestId: string;
  readonly env: string;
  /** The flow's name (never its key). */
  readonly name: string;
  readonly version: number;
  /** Slack user id (or a CLI name) of who asked. */
  readonly requester: string;
  readonly requestedAt: string;
  readonly expiresAt: string;
  /** The request message's permalink; null when the request was made outside Slack or its message is gone. */
  readonly link: string | null;
}

/** One publish from the audit log: who published which version, when. */
export interface HomePublishView {
  readonly name: string;
  readonly version: number | null;
  /** Slack user id (or a CLI name) of who published (the approver whose approval published it). */
  readonly actor: string;
  readonly at: string;
}

/** An environment's recent publishes, newest first. */
export interface HomeEnvironmentView {
  readonly env: string;
  readonly publishes: readonly HomePublishView[];
}

/** The reader's App Home: what waits on them, what they asked for, what went live lately. */
export interface AppHomeView {
  /** The reader's Slack user id. */
  readonly reader: string;
  /** The reader's role; null when they hold none (the tab then says whom to ask). */
  readonly role: Role | null;
  /** Requests the reader may decide (not their own), oldest first. */
  readonly waiting: readonly HomeRequestView[];
  /** The reader's own open requests, oldest first. */
  readonly mine: readonly HomeRequestView[];
  /** How far back `environments` look, in days. */
  readonly recentDays: number;
  readonly environments: readonly HomeEnvironmentView[];
}
