import type { SlackMessageRef, SlackMessenger } from '../adapters/slack/SlackMessenger.js';
import { buildImportReport } from '../blocks/importReport.js';
import type { ServiceDeps } from '../core/deps.js';
import type { ReportLink } from './reportLinks.js';
import { loadReport, reportsOfFlow } from './reportRecord.js';
import { importReportView } from './views.js';

/** What refreshing report messages needs. */
export interface ReportRefreshOptions {
  readonly service: ServiceDeps;
  readonly messenger: Pick<SlackMessenger, 'update'>;
  readonly reportLink?: ReportLink | null;
  readonly log: (message: string, error?: unknown) => void;
}

/**
 * Rebuilds every kept import report message of the flows `flowKeys` in `env` from the store
 * (`chat.update`), so each shows where its version stands now: requested, approved, live,
 * rejected, expired, superseded by a newer import. Called after the state change is stored,
 * never before: an update that fails is logged and changes nothing stored, and the message shows
 * the change the next time it is built (a click on it, the next change).
 */
export async function refreshReports(
  options: ReportRefreshOptions,
  env: string,
  flowKeys: readonly string[],
  except: SlackMessageRef | null = null,
): Promise<void> {
  const { service } = options;
  const seen = new Set<string>();
  for (const flowKey of new Set(flowKeys)) {
    for (const message of await reportsOfFlow(service.files, env, flowKey).catch(() => [])) {
      const id = `${message.channel}/${message.ts}`;
      if (seen.has(id) || (except !== null && except.channel === message.channel && except.ts === message.ts))
        continue;
      seen.add(id);
      await refreshReport(options, message);
    }
  }
}

/** Rebuilds one report message; a failure is logged, since what changed is stored already. */
async function refreshReport(options: ReportRefreshOptions, message: SlackMessageRef): Promise<void> {
  try {
    const content = await loadReport(options.service.files, message);
    // A report whose flows were all discarded says so, and stays that way.
    if (content === null || content.flows.length === 0) return;
    const view = await importReportView(options.service, content, options.reportLink ?? null);
    await options.messenger.update(message, buildImportReport(view));
  } catch (error) {
    options.log(
      `import report ${message.channel}/${message.ts} could not be updated; it shows the change when next built`,
      error,
    );
  }
}
