/**
 * Loads what the Slack views show (stored versions, heads, the target's inventory, diffs) and
 * hands it to the pure view builders in `blocks/views.ts`.
 */

import type { ImportReportView, PublishRequestView } from '../blocks/types.js';
import { versionStateOf } from '../blocks/versionState.js';
import type { ReportContent } from '../blocks/views.js';
import { flowReportView, publishRequestViewOf } from '../blocks/views.js';
import { approversOf } from '../core/access.js';
import type { Actor } from '../core/config.js';
import type { ServiceDeps } from '../core/deps.js';
import { batchMembers } from '../core/service/approveRequest.js';
import { diffVersions } from '../core/service/diffVersions.js';
import { loadTarget } from '../core/service/loadTarget.js';
import { flowLabel } from '../core/versions/flowKey.js';
import type { PublishRequest } from '../core/versions/types.js';
import type { ReportLink } from './reportLinks.js';

export {
  type ReportContent,
  type ReportEntry,
  reportContentOf,
  requestDecidedView,
} from '../blocks/views.js';

/**
 * The import report's view: each flow from its stored version (diagnostics, references and how
 * each resolved), where it stands now (its publish requests, live, superseded by a newer
 * import), and for each unresolved reference the resources of its kind the environment
 * has (its catalog and the parents it inherits from), as picker options.
 */
export async function importReportView(
  service: ServiceDeps,
  content: ReportContent,
  reportLink: ReportLink | null = null,
): Promise<ImportReportView> {
  const { env } = content;
  const catalog = await loadTarget(service, env);
  const flows = await Promise.all(
    content.flows.map(async (entry) => {
      if (entry.flowKey === null || entry.version === null)
        return flowReportView(entry, null, null, catalog, null);
      const { flowKey, version } = entry;
      const stored = await service.versions.getVersion(env, flowKey, version);
      if (stored === null) return flowReportView(entry, null, null, catalog, null);
      const [head, versions, requests] = await Promise.all([
        service.versions.getHead(env, flowKey),
        service.versions.listVersions(env, flowKey),
        service.requests.listFlowRequests(env, flowKey),
      ]);
      const reportUrl = reportLink === null ? null : reportLink(env, stored.flowKey, stored.number);
      const state = versionStateOf(version, head, versions, requests);
      return flowReportView(entry, stored, head, catalog, reportUrl, state);
    }),
  );
  return { env, actor: content.actor, flows };
}

/**
 * A pending request as approvers see it. `replaces` is the published version it would replace
 * (read before any publish moves it); the diff runs from it, else from the version before.
 */
export async function publishRequestView(
  service: ServiceDeps,
  request: PublishRequest,
  actor: Actor,
  replaces: number | null,
  reportLink: ReportLink | null = null,
): Promise<PublishRequestView> {
  const head = await service.versions.getHead(request.env, request.flowKey);
  const from = replaces !== null && replaces !== request.version ? replaces : request.version - 1;
  const diff =
    from < 1
      ? null
      : await diffVersions(service, {
          env: request.env,
          flow: request.flowKey,
          from,
          to: request.version,
          actor,
        });
  const reportUrl = reportLink === null ? null : reportLink(request.env, request.flowKey, request.version);
  const view = publishRequestViewOf(request, head, replaces, diff, reportUrl);
  const together = await batchNames(service, request);
  const withApprovers = { ...view, approvers: approversOf(service.config, request.requester) };
  return together.length === 0 ? withApprovers : { ...withApprovers, together };
}

/** For a batch's lead, the names of the other flows it publishes (as `name vN`); none otherwise. */
async function batchNames(service: ServiceDeps, request: PublishRequest): Promise<string[]> {
  const members = await batchMembers(service, request);
  const heads = await Promise.all(members.map((m) => service.versions.getHead(m.env, m.flowKey)));
  return members.map((m, i) => `${heads[i]?.name ?? flowLabel(m.flowKey)} v${m.version}`);
}
