import type { SlackMessenger } from '../../adapters/slack/SlackMessenger.js';
import { type FlowPicture, postFlowPictures } from '../../app/flowPicture.js';
import { saveRequestMessage } from '../../app/postedMessages.js';
import type { ReportLink } from '../../app/reportLinks.js';
import { saveReport } from '../../app/reportRecord.js';
import { refreshReports } from '../../app/reportRefresh.js';
import { importReportView, publishRequestView } from '../../app/views.js';
import { buildFullReportText } from '../../blocks/fullReportText.js';
import { buildImportReport, outcomeLine } from '../../blocks/importReport.js';
import { autoPublishNote, buildNotice, buildProblem } from '../../blocks/messages.js';
import { buildPublishRequest } from '../../blocks/publishRequest.js';
import { reportContentOf } from '../../blocks/views.js';
import { environmentOf } from '../../core/access.js';
import type { Actor } from '../../core/config.js';
import type { ServiceDeps } from '../../core/deps.js';
import type { Notifier } from '../../core/ports.js';
import type { AutoPublishResult } from '../../core/service/autoPublish.js';
import type { ImportResult } from '../../core/service/importFlows.js';

/** The Slack calls a drop's report needs (a `SlackMessenger`; the fake Slack API in tests). */
export type ReportPoster = Pick<SlackMessenger, 'post' | 'uploadFile' | 'update'>;

/** Where a drop's report goes: the environment's channel through `slack`, else only the log. */
export interface DropReportDeps {
  readonly service: ServiceDeps;
  readonly slack: ReportPoster | null;
  readonly log: (message: string, error?: unknown) => void;
  /** Links each version's HTML report; null: no links. */
  readonly reportLink?: ReportLink | null;
  /** Draws each stored flow for the report's thread, where the runtime can. */
  readonly picture?: FlowPicture;
}

/**
 * Posts an import report to the environment's first channel, the same message a Slack upload
 * gets (so its pickers and buttons work: the content is saved like the worker's), with the full
 * report in the thread and what auto-publishing did as a reply there; a request waiting for
 * approval is posted on its own for the approvers. Never throws: the import stands whether or
 * not Slack hears of it (failures are logged).
 */
export async function postDropReport(
  deps: DropReportDeps,
  object: string,
  result: ImportResult,
  actor: Actor,
  published: AutoPublishResult | null,
): Promise<void> {
  const { service, slack } = deps;
  const content = reportContentOf(result, actor.id);
  const channel = channelOf(service, result.env);
  try {
    const view = await importReportView(service, content, deps.reportLink ?? null);
    deps.log(`s3 import of ${object} into ${result.env}: ${outcomeLine(view)}`);
    if (slack === null || channel === null) return;
    const report = await slack.post(channel, buildImportReport(view));
    await saveReport(service.files, report, content);
    const created = content.flows.flatMap((f) => (f.flowKey === null || !f.created ? [] : [f.flowKey]));
    await refreshReports(
      { service, messenger: slack, reportLink: deps.reportLink ?? null, log: deps.log },
      result.env,
      created,
      report,
    );
    await slack.uploadFile({
      channel,
      threadTs: report.ts,
      filename: `flowgate-import-${result.env}.md`,
      title: `Import of ${object} into ${result.env}: full report`,
      content: buildFullReportText(view),
    });
    await postFlowPictures(slack, deps.picture, channel, report.ts, result);
    if (published === null) return;
    const note = autoPublishNote(published);
    if (note !== null) await slack.post(channel, buildNotice(note), report.ts);
    for (const request of published.requests.filter((r) => r.state === 'pending')) {
      const head = await service.versions.getHead(request.env, request.flowKey);
      const pending = await publishRequestView(
        service,
        request,
        actor,
        head?.published ?? null,
        deps.reportLink ?? null,
      );
      const posted = await slack.post(channel, buildPublishRequest(pending));
      await saveRequestMessage(service.files, posted, request.id);
    }
  } catch (error) {
    deps.log(`s3 import of ${object} into ${result.env}: the report could not be posted`, error);
  }
}

/** Posts why a drop imported nothing; never throws. */
export async function postDropProblem(
  deps: DropReportDeps,
  env: string,
  message: string,
  hint: string | null,
): Promise<void> {
  deps.log(`s3 import into ${env} refused: ${message}${hint === null ? '' : ` (${hint})`}`);
  const channel = channelOf(deps.service, env);
  if (deps.slack === null || channel === null) return;
  try {
    await deps.slack.post(channel, buildProblem(message, hint));
  } catch (error) {
    deps.log(`s3 import into ${env}: the refusal could not be posted`, error);
  }
}

function channelOf(service: ServiceDeps, env: string): string | null {
  return environmentOf(service.config, env).channels[0] ?? null;
}

/**
 * The service's notifier without its `imported` notices: a drop posts its full report instead,
 * and one message per import is enough. Requests, approvals and publishes are still told.
 */
export function withoutImportNotices(notifier: Notifier | null): Notifier | null {
  if (notifier === null) return null;
  return {
    notify: (notification) =>
      notification.kind === 'imported' ? Promise.resolve() : notifier.notify(notification),
  };
}
