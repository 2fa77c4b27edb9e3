import type { Button } from '@slack/types';
import { ACTION_IDS } from './actionIds.js';
import { plain, SLACK_LIMITS } from './limits.js';

/**
 * The "Full report" link button that opens a version's HTML report: none without a link, or with
 * one longer than Slack takes (the message must post either way). Clicking it opens the browser;
 * Slack still sends the click, which the listener only acknowledges.
 */
export function reportButton(url: string | null | undefined): Button[] {
  if (url === undefined || url === null || url.length > SLACK_LIMITS.buttonUrl) return [];
  return [
    {
      type: 'button',
      action_id: ACTION_IDS.viewReport,
      text: plain('Full report', SLACK_LIMITS.buttonText),
      url,
    },
  ];
}
