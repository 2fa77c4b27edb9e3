import { isSnapshot } from '../core/versions/requests.js';
import type { FlowHead, PublishRequest, VersionSummary } from '../core/versions/types.js';
import { mention, slackDate } from './format.js';
import { escapeMrkdwn, fitMessage, type SlackMessage, section } from './limits.js';

/**
 * Where one imported version stands now, as its import report shows it: nothing asked yet, its
 * latest publish request's state, live in the target, and whether a newer import replaced it.
 * Derived from the store on every render, so a report message that missed an update shows the
 * truth the next time it is built.
 */
export interface VersionState {
  readonly stage:
    | { readonly kind: 'draft' }
    | { readonly kind: 'requested'; readonly requester: string; readonly at: string }
    | {
        readonly kind: 'approved';
        readonly requester: string;
        readonly by: string | null;
        readonly at: string | null;
      }
    | {
        readonly kind: 'live';
        readonly requester: string | null;
        readonly by: string | null;
        readonly at: string | null;
      }
    | {
        readonly kind: 'failed';
        readonly by: string | null;
        readonly at: string | null;
        readonly reason: string | null;
      }
    | {
        readonly kind: 'rejected';
        readonly by: string | null;
        readonly at: string | null;
        readonly reason: string | null;
      }
    | { readonly kind: 'expired'; readonly requester: string; readonly at: string };
  /** The newest import of the flow when it is newer than this version (snapshots aside), else null. */
  readonly supersededBy: { readonly number: number; readonly author: string; readonly at: string } | null;
}

/** What the report offers for a version in `state`. */
export interface VersionActions {
  /** Request publish ("Request publish again" after a rejection, an expiry or a failure). */
  readonly request: 'first' | 'again' | null;
  /** Discard and the replacement pickers: only while nothing was asked and nothing is live. */
  readonly edit: boolean;
  /** Diff and the report link: anything but a superseded version. */
  readonly inspect: boolean;
}

/**
 * The state of `version` from the flow's head, its versions (newest first) and its requests
 * (newest first): the latest request for this version decides the stage, a published head at
 * this version makes it live whatever published it.
 */
export function versionStateOf(
  version: number,
  head: FlowHead | null,
  versions: readonly VersionSummary[],
  requests: readonly PublishRequest[],
): VersionState {
  const newest = versions.find((v) => !isSnapshot(v));
  const supersededBy =
    newest !== undefined && newest.number > version
      ? { number: newest.number, author: newest.author, at: newest.createdAt }
      : null;
  const request = requests.find((r) => r.version === version) ?? null;
  return { stage: stageOf(version, head, request), supersededBy };
}

function stageOf(
  version: number,
  head: FlowHead | null,
  request: PublishRequest | null,
): VersionState['stage'] {
  const live = head?.published === version;
  if (request === null)
    return live ? { kind: 'live', requester: null, by: null, at: null } : { kind: 'draft' };
  const { requester, decidedBy: by, decidedAt: at } = request;
  if (live || request.state === 'published') return { kind: 'live', requester, by, at };
  switch (request.state) {
    case 'pending':
      return { kind: 'requested', requester, at: request.requestedAt };
    case 'approved':
      return { kind: 'approved', requester, by, at };
    case 'failed':
      return { kind: 'failed', by, at, reason: request.reason };
    case 'rejected':
      return { kind: 'rejected', by, at, reason: request.reason === '' ? null : request.reason };
    case 'expired':
      return { kind: 'expired', requester, at: request.expiresAt };
  }
}

/** What makes sense to offer now: nothing on a superseded version, no second request, no discard once asked. */
export function versionActions(state: VersionState | undefined): VersionActions {
  if (state === undefined) return { request: 'first', edit: true, inspect: true };
  if (state.supersededBy !== null) return { request: null, edit: false, inspect: false };
  switch (state.stage.kind) {
    case 'draft':
      return { request: 'first', edit: true, inspect: true };
    case 'rejected':
    case 'expired':
    case 'failed':
      return { request: 'again', edit: true, inspect: true };
    default:
      return { request: null, edit: false, inspect: true };
  }
}

/** The version's state as a line of the report (null while nothing was asked and nothing is newer). */
export function versionStateLine(state: VersionState | undefined): string | null {
  if (state === undefined) return null;
  const stage = stageLine(state.stage);
  if (state.supersededBy === null) return stage;
  const newer = state.supersededBy;
  const line = `:arrow_up: *Superseded by v${newer.number}*, imported by ${mention(newer.author)} ${slackDate(newer.at)}: use its report.`;
  return stage === null || state.stage.kind !== 'live' ? line : `${stage}\n${line}`;
}

function stageLine(stage: VersionState['stage']): string | null {
  switch (stage.kind) {
    case 'draft':
      return null;
    case 'requested':
      return `:hourglass_flowing_sand: *Publish requested* by ${mention(stage.requester)} ${slackDate(stage.at)}: waiting for a publisher.`;
    case 'approved':
      return `:white_check_mark: *Approved*${by(stage.by)}${when(stage.at)}: publishing (requested by ${mention(stage.requester)}).`;
    case 'live': {
      const asked = stage.requester === null ? '' : ` (requested by ${mention(stage.requester)})`;
      return `:white_check_mark: *Live*: approved${by(stage.by)} and published${when(stage.at)}${asked}.`;
    }
    case 'failed':
      return `:x: *Publishing failed*${when(stage.at)}${reasonOf(stage.reason)}`;
    case 'rejected':
      return `:no_entry: *Rejected*${by(stage.by)}${when(stage.at)}${reasonOf(stage.reason)}`;
    case 'expired':
      return `:hourglass: *Request expired* ${slackDate(stage.at)}: nobody decided in time (requested by ${mention(stage.requester)}).`;
  }
}

/** The report's first line for a single flow whose state moved on from its import, else null. */
export function versionHeadline(
  name: string,
  version: number,
  env: string,
  state: VersionState | undefined,
): string | null {
  if (state === undefined) return null;
  const what = `'${name}' v${version}`;
  if (state.supersededBy !== null)
    return `Superseded: ${what} was replaced by v${state.supersededBy.number} in ${env}.`;
  switch (state.stage.kind) {
    case 'draft':
      return null;
    case 'requested':
      return `Requested: ${what} waits for a publisher's approval in ${env}.`;
    case 'approved':
      return `Approved: ${what} is being published to ${env}.`;
    case 'live':
      return `Live: ${what} is published to ${env}.`;
    case 'failed':
      return `Publishing failed: ${what} was not published to ${env}.`;
    case 'rejected':
      return `Rejected: ${what} was not published to ${env}.`;
    case 'expired':
      return `Expired: the request to publish ${what} to ${env} ran out.`;
  }
}

function by(user: string | null): string {
  return user === null ? '' : ` by ${mention(user)}`;
}

function when(at: string | null): string {
  return at === null ? '' : ` ${slackDate(at)}`;
}

function reasonOf(reason: string | null): string {
  return reason === null ? '.' : `:\n> ${escapeMrkdwn(reason).replace(/\n/g, '\n> ')}`;
}

/**
 * The answer to a Request publish or Discard click on a report whose version moved on (a stale
 * copy of the message, a click before its update arrived), from where it stands now; null when
 * the click still makes sense. The open-request case is answered by the request itself.
 */
export function buildStaleClick(
  doing: 'request' | 'discard',
  view: {
    readonly name: string;
    readonly version: number;
    readonly env: string;
    readonly state: VersionState;
  },
): SlackMessage | null {
  const { state } = view;
  const what = `*${escapeMrkdwn(view.name)}* v${view.version}`;
  const nothing = doing === 'request' ? 'nothing was requested' : 'nothing was discarded';
  let text: string | null = null;
  if (state.supersededBy !== null) {
    const newer = state.supersededBy;
    text = `This report shows ${what}, but v${newer.number} is newer (imported by ${mention(newer.author)} ${slackDate(newer.at)}), so ${nothing}. Use the report of v${newer.number}.`;
  } else if (state.stage.kind === 'live') {
    text = `${what} is already live in *${escapeMrkdwn(view.env)}*${when(state.stage.at)}, so ${nothing}.`;
  } else if (doing === 'discard' && !versionActions(state).edit) {
    text = `Publishing ${what} to *${escapeMrkdwn(view.env)}* was already requested, so ${nothing}: reject the request to stop it.`;
  }
  return text === null ? null : fitMessage({ text: plainText(text), blocks: [section(text)] });
}

/** mrkdwn without its markup, for the notification text. */
function plainText(mrkdwn: string): string {
  return mrkdwn
    .replace(/<!date\^\d+\^[^|]*\|([^>]*)>/g, '$1')
    .replace(/<@([A-Z0-9]+)>/g, '@$1')
    .replace(/\*/g, '');
}
