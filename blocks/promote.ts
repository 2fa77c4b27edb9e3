import type { PromotedFlow, PromoteResult } from '../core/service/promoteFlows.js';
import type { PullResult } from '../core/service/pullFlows.js';
import type { PublishRequest } from '../core/versions/types.js';
import { diffCounts } from './diffSummary.js';
import { mention, plural, slackDate } from './format.js';
import { escapeMrkdwn, fitMessage, joinLines, SLACK_LIMITS, type SlackMessage, section } from './limits.js';

/** The progress of a long pull or promote, updated in place as it goes. */
export function buildProgress(user: string, doing: string, latest: string): SlackMessage {
  const text = `${mention(user)} ${doing}: ${escapeMrkdwn(latest)}`;
  return fitMessage({ text, blocks: [section(text)] });
}

/** What a pull stored, flow by flow, for the person who asked. */
export function buildPullReport(result: PullResult, user: string): SlackMessage {
  const stored = result.flows.filter((f) => f.created).length;
  const headline = `${mention(user)} pulled ${plural(result.flows.length, 'flow')} from ${escapeMrkdwn(result.env)} (${result.saved ? 'saved' : 'published'} content): ${plural(stored, 'new version')}.`;
  const lines = result.flows.map((flow) => {
    const label = `${flow.kind === 'module' ? 'module ' : ''}*${escapeMrkdwn(flow.name)}*`;
    if (flow.version === null) return `• ${label}: not stored`;
    return `• ${label}: ${flow.created ? `stored as version ${flow.version.number}` : `unchanged (version ${flow.version.number})`}`;
  });
  if (result.notPublished.length > 0) {
    lines.push(`Never published, not pulled: ${result.notPublished.map(escapeMrkdwn).join(', ')}.`);
  }
  return report(headline, lines);
}

/** What a promote changes in the target, flow by flow, and what happens next. */
export function buildPromoteReport(result: PromoteResult, user: string): SlackMessage {
  const changing = result.flows.filter((f) => f.change === 'create' || f.change === 'update');
  const from = escapeMrkdwn(result.from);
  const to = escapeMrkdwn(result.to);
  const headline =
    changing.length === 0
      ? `${mention(user)} promoted ${from} → ${to}: nothing changes in ${to}, so nothing was written.`
      : `${mention(user)} promoted ${from} → ${to}: ${plural(changing.length, 'flow')} change in ${to}.`;
  const lines = result.flows.map(flowLine);
  lines.push(nextStep(result));
  return report(headline, lines);
}

function flowLine(flow: PromotedFlow): string {
  const label = `${flow.kind === 'module' ? 'module ' : ''}*${escapeMrkdwn(flow.name)}*`;
  switch (flow.change) {
    case 'create':
      return `• ${label}: new in the target`;
    case 'update': {
      // The same counts a diff shows everywhere else; a diff with none moved nothing but the layout.
      const counts = flow.diff === null ? '' : ` (${diffCounts(flow.diff).join(', ') || 'layout only'})`;
      return `• ${label}: changes${counts}`;
    }
    case 'unchanged':
      return `• ${label}: unchanged`;
    case 'not-stored':
      return `• ${label}: could not be stored`;
  }
}

function nextStep(result: PromoteResult): string {
  if (result.refused !== null) return `No request was opened: ${escapeMrkdwn(result.refused)}`;
  if (result.alreadyRequested !== null)
    return openElsewhere(result.alreadyRequested.request, result.alreadyRequested.name);
  if (result.request === null) return 'Nothing to approve.';
  const { lead, members } = result.request;
  if (lead.state !== 'pending')
    return `The ${plural(members.length, 'flow')} were ${lead.state} at once (no approval is required there).`;
  return `One request publishes all ${plural(members.length, 'flow')} together once a publisher approves it (below; it expires ${slackDate(lead.expiresAt)}).`;
}

/** Why a batch with a version already asked for opened no request, for everyone in the channel. */
function openElsewhere(request: PublishRequest, name: string): string {
  const what = `*${escapeMrkdwn(name)}* v${request.version} to *${escapeMrkdwn(request.env)}*`;
  return `No request was opened: publishing ${what} was already requested by ${mention(request.requester)} ${slackDate(request.requestedAt)}. Once that request is decided or expires, promote again.`;
}

function report(headline: string, lines: readonly string[]): SlackMessage {
  const body = joinLines(lines, SLACK_LIMITS.sectionText, 'flow');
  return fitMessage({ text: headline, blocks: [section(headline), section(body)] });
}
