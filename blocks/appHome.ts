import type { HomeView, KnownBlock, SectionBlock } from '@slack/types';
import { ACTION_IDS } from './actionIds.js';
import { code, mention, plural, slackDate } from './format.js';
import {
  capItems,
  context,
  escapeMrkdwn,
  fitHome,
  joinLines,
  moreLine,
  plain,
  SLACK_LIMITS,
  section,
} from './limits.js';
import type { AppHomeView, HomeEnvironmentView, HomeRequestView } from './types.js';

/** How many requests each list shows; the rest are counted ("… and 3 more requests"). */
export const HOME_LISTED = 15;
/** How many environments the publishes part shows (one section each). */
const LISTED_ENVIRONMENTS = 20;

/**
 * The reader's App Home tab: the publish requests waiting on them (oldest first, each with a
 * link to its message, where the diff is and the decision is made), their own open requests, and
 * what went live lately in each environment. Every list says what to do when it is empty.
 */
export function buildAppHome(view: AppHomeView): HomeView {
  if (view.role === null)
    return {
      type: 'home',
      blocks: [
        header('flowgate'),
        section(
          `${mention(view.reader)}, you hold no flowgate role yet, so there is nothing to show you. Ask your flowgate admin to add you to \`roles.viewers\` (to follow publishes), \`roles.editors\` (to import and request) or \`roles.publishers\` (to approve).`,
        ),
      ],
    };
  const blocks: KnownBlock[] = [
    header('Waiting on you'),
    ...waitingBlocks(view),
    { type: 'divider' },
    header('Your requests'),
    ...mineBlocks(view),
    { type: 'divider' },
    header('Recently published'),
    ...publishedBlocks(view),
  ];
  return fitHome({ type: 'home', blocks });
}

function header(text: string): KnownBlock {
  return { type: 'header', text: plain(text, SLACK_LIMITS.headerText) };
}

function waitingBlocks(view: AppHomeView): KnownBlock[] {
  if (view.role !== 'publisher')
    return [
      section(
        'Nothing waits on you: approving needs the publisher role. Ask your flowgate admin to add you to `roles.publishers` if you should approve publishes.',
      ),
    ];
  if (view.waiting.length === 0)
    return [
      section(
        'Nothing waits on you. When someone asks to publish a flow, the request shows here and in its environment’s channel.',
      ),
    ];
  return requestList(view.waiting, (r) => `${mention(r.requester)} asks ${slackDate(r.requestedAt)}`, true);
}

function mineBlocks(view: AppHomeView): KnownBlock[] {
  if (view.mine.length === 0 && view.role === 'viewer')
    return [
      section(
        'You have no open requests: asking to publish needs the editor role. Ask your flowgate admin to add you to `roles.editors` if you should.',
      ),
    ];
  if (view.mine.length === 0)
    return [
      section(
        'You have no open requests. Share a flow export in an environment’s channel and click *Request publish*, or run `/flow publish <flow>`.',
      ),
    ];
  return requestList(view.mine, (r) => `You asked ${slackDate(r.requestedAt)}; waiting for approval`, false);
}

/**
 * One section per request (with its link button), at most {@link HOME_LISTED}, then how many
 * more. `decides`: the reader decides these, so one with no Slack message says how to from the CLI.
 */
function requestList(
  requests: readonly HomeRequestView[],
  asked: (r: HomeRequestView) => string,
  decides: boolean,
): KnownBlock[] {
  const { shown, hidden } = capItems(requests, HOME_LISTED);
  const blocks: KnownBlock[] = shown.map((r) => requestSection(r, asked(r), decides));
  if (hidden > 0) blocks.push(context(moreLine(hidden, 'request')));
  return blocks;
}

function requestSection(request: HomeRequestView, asked: string, decides: boolean): SectionBlock {
  const where =
    request.link === null && decides
      ? `No Slack message shows it: decide it with ${code(`flowgate approve ${request.requestId}`)} or ${code(`flowgate reject ${request.requestId} --reason <why>`)}.`
      : '';
  const block = section(
    [
      `*${escapeMrkdwn(request.name)}* v${request.version} to *${escapeMrkdwn(request.env)}*`,
      `${asked} · expires ${slackDate(request.expiresAt)}`,
      where,
    ]
      .filter((line) => line !== '')
      .join('\n'),
  );
  if (request.link !== null && request.link.length <= SLACK_LIMITS.buttonUrl)
    block.accessory = {
      type: 'button',
      action_id: ACTION_IDS.openRequest,
      text: plain('Open request', SLACK_LIMITS.buttonText),
      url: request.link,
    };
  return block;
}

function publishedBlocks(view: AppHomeView): KnownBlock[] {
  if (view.environments.length === 0)
    return [section('No environments are configured yet. Ask your flowgate admin to add one to the config.')];
  const { shown, hidden } = capItems(view.environments, LISTED_ENVIRONMENTS);
  const blocks: KnownBlock[] = shown.map((env) => section(environmentText(env, view.recentDays)));
  if (hidden > 0) blocks.push(context(moreLine(hidden, 'environment')));
  return blocks;
}

function environmentText(env: HomeEnvironmentView, days: number): string {
  const title = `*${escapeMrkdwn(env.env)}*`;
  if (env.publishes.length === 0)
    return `${title}\nNothing published in the last ${plural(days, 'day')}. Approved requests show here once they are live.`;
  const lines = env.publishes.map(
    (p) =>
      `${slackDate(p.at)} · *${escapeMrkdwn(p.name)}*${p.version === null ? '' : ` v${p.version}`} by ${mention(p.actor)}`,
  );
  return `${title}\n${joinLines(lines, SLACK_LIMITS.sectionText - title.length - 1, 'publish')}`;
}
