import { z } from 'zod';
import type { SlackMessageRef } from '../../../adapters/slack/SlackMessenger.js';
import type { InteractionJob } from '../../../app/jobs.js';
import { loadReport, saveReport } from '../../../app/reportRecord.js';
import { importReportView } from '../../../app/views.js';
import {
  ACTION_IDS,
  decodeActionValue,
  decodePickerBlockId,
  type PickerBlock,
} from '../../../blocks/actionIds.js';
import { buildImportReport } from '../../../blocks/importReport.js';
import type { ReportContent } from '../../../blocks/views.js';
import type { Reference } from '../../../core/references/types.js';
import { type RememberedResolution, rememberResolution } from '../../../core/service/rememberResolution.js';
import type { FlowVersion } from '../../../core/versions/types.js';
import { WorkerRefusal } from '../refusal.js';
import type { JobContext } from '../workerDeps.js';
import { clickedReport } from './message.js';

/**
 * The picker's `block_id`, which says which reference of which version the choice is for. The
 * job schema does not carry it yet (the listener puts only the option's value in the job): read
 * here when present, so the worker works as soon as the listener adds it.
 */
const withBlockId = z.object({ blockId: z.string().min(1).nullable().optional() });

/**
 * A replacement chosen for an unresolved reference: remembered for the environment (later
 * imports reuse it), the flow planned again with it as a new version, and the same report
 * message updated: resolved count, remaining pickers, buttons for the new version.
 */
export async function pickReplacement(ctx: JobContext<InteractionJob>): Promise<void> {
  const { job } = ctx;
  if (job.selected === null) throw new WorkerRefusal('No replacement was chosen in that menu.');
  const { to } = decodeActionValue(ACTION_IDS.pickReplacement, job.selected);
  const blockId = withBlockId.safeParse(job).data?.blockId ?? undefined;
  if (blockId === undefined) ctx.deps.log('pick_replacement job without blockId: the listener must add it');
  const picker = decodePickerBlockId(blockId);
  const { version, reference } = await pickedReference(ctx, picker);
  // Checked before anything is remembered: only the report flowgate posted for this version.
  const report = await clickedReport(ctx, { env: picker.env, flow: picker.flow, version: picker.version });
  const result = await rememberResolution(ctx.deps.service, {
    env: picker.env,
    flow: picker.flow,
    ref: { kind: reference.kind, source: reference.value !== '' ? reference.value : (reference.name ?? '') },
    to,
    actor: await ctx.actor(),
  });
  await updateReport(ctx, report, version, result);
}

/** The version and reference the picker was built for, refused when the message is out of date. */
async function pickedReference(
  ctx: JobContext<InteractionJob>,
  picker: PickerBlock,
): Promise<{ version: FlowVersion; reference: Reference }> {
  const { versions } = ctx.deps.service;
  const [head, version] = await Promise.all([
    versions.getHead(picker.env, picker.flow),
    versions.getVersion(picker.env, picker.flow, picker.version),
  ]);
  const reference = version?.references[picker.ref];
  if (head === null || version === null || reference === undefined) {
    throw new WorkerRefusal(
      `${picker.flow} v${picker.version} is not in ${picker.env} any more; import the flow again.`,
    );
  }
  if (head.latest !== picker.version) {
    throw new WorkerRefusal(
      `This report shows ${head.name} v${picker.version}, but ${picker.env} has v${head.latest} now: choose in the latest report, or use /flow map.`,
    );
  }
  return { version, reference };
}

async function updateReport(
  ctx: JobContext<InteractionJob>,
  message: SlackMessageRef,
  picked: FlowVersion,
  result: RememberedResolution,
): Promise<void> {
  const { service, messenger } = ctx.deps;
  const shown = (await loadReport(service.files, message)) ?? onlyFlow(picked);
  const content: ReportContent = {
    ...shown,
    flows: shown.flows.map((f) =>
      f.flowKey === picked.flowKey
        ? { ...f, version: result.version.number, created: result.created || f.created }
        : f,
    ),
  };
  await messenger.update(
    message,
    buildImportReport(await importReportView(service, content, ctx.deps.reportLink ?? null)),
  );
  await saveReport(service.files, message, content);
}

/** A report of the one flow, for a message whose content was not recorded. */
function onlyFlow(version: FlowVersion): ReportContent {
  return {
    env: version.env,
    actor: version.author,
    flows: [
      {
        file: version.source.ref,
        name: version.name,
        flowKey: version.flowKey,
        version: version.number,
        created: false,
        diagnostics: [],
      },
    ],
  };
}
