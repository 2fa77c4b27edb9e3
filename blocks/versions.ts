import type { KnownBlock } from '@slack/types';
import type { VersionList } from '../core/service/listVersions.js';
import { isSnapshot } from '../core/versions/requests.js';
import type { VersionSummary } from '../core/versions/types.js';
import { mention, plural, slackDate } from './format.js';
import {
  capItems,
  context,
  escapeMrkdwn,
  fitMessage,
  joinLines,
  moreLine,
  SLACK_LIMITS,
  type SlackMessage,
  section,
} from './limits.js';

/** How many versions the message lists (newest first); the CLI lists all. */
const SHOWN_VERSIONS = 20;

/** Links to HTML reports, by version number (where the deployment serves reports). */
export type VersionReportUrl = (version: number) => string;

/**
 * A flow's versions, newest first, marking the published one (`/flow versions`), with links to
 * the latest and the published version's reports when `reportUrl` is given.
 */
export function buildVersions(list: VersionList, reportUrl: VersionReportUrl | null = null): SlackMessage {
  const { head } = list;
  const published = head.published === null ? 'never published' : `v${head.published} published`;
  const first = `${head.name} in ${head.env}: ${plural(list.versions.length, 'version')}, latest v${head.latest}, ${published}.`;
  const { shown, hidden } = capItems(list.versions, SHOWN_VERSIONS);
  const lines = shown.map((v) => versionLine(v, head.published));
  if (hidden > 0) lines.push(`${moreLine(hidden, 'older version')}: \`flowgate versions\` lists them all.`);
  const blocks: KnownBlock[] = [
    section(
      `*${escapeMrkdwn(head.name)}*${head.flowKey.startsWith('module:') ? ' (module)' : ''} in *${escapeMrkdwn(head.env)}*: latest v${head.latest}, ${published}`,
    ),
    section(joinLines(lines.length === 0 ? ['No versions.'] : lines, SLACK_LIMITS.sectionText, 'version')),
  ];
  if (reportUrl !== null && list.versions.length > 0) blocks.push(context(reportLinks(list, reportUrl)));
  return fitMessage({ text: first, blocks });
}

function versionLine(v: VersionSummary, published: number | null): string {
  const errors = v.diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = v.diagnostics.length - errors;
  const marks = [
    v.number === published ? '*published*' : null,
    v.restores === null ? null : `restores v${v.restores}`,
    v.source.channel === 'snapshot' ? 'snapshot of the target' : null,
    errors > 0 ? plural(errors, 'error') : null,
    warnings > 0 ? plural(warnings, 'warning') : null,
  ].filter((m): m is string => m !== null);
  return `• v${v.number} · ${slackDate(v.createdAt)} · ${mention(v.author)} · ${v.source.channel}${marks.length === 0 ? '' : ` · ${marks.join(' · ')}`}`;
}

/**
 * `Reports: v5 (latest) · v3 (published)`, each a link; links last a week, so each listing makes
 * new ones. The latest is the newest version that is not a publish snapshot (that one holds what
 * a publish replaced, not what anyone is working on).
 */
function reportLinks(list: VersionList, reportUrl: VersionReportUrl): string {
  const { head } = list;
  const latest = list.versions.find((v) => !isSnapshot(v))?.number ?? head.latest;
  const link = (n: number, label: string) => `<${reportUrl(n)}|v${n} (${label})>`;
  const links = [link(latest, 'latest')];
  if (head.published !== null && head.published !== latest) links.push(link(head.published, 'published'));
  return `Reports: ${links.join(' · ')}`;
}
