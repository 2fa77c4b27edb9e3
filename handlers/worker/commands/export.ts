import { flowCommandSyntax } from '../../../app/flowCommands.js';
import type { CommandJob } from '../../../app/jobs.js';
import { buildExportNote, buildNotice } from '../../../blocks/messages.js';
import { exportVersion } from '../../../core/service/exportVersion.js';
import { parseFlowKey } from '../../../core/versions/flowKey.js';
import { type CommandArgs, commandEnv, flowName, trailingVersions } from '../commandArgs.js';
import { tellUser } from '../replies.js';
import type { JobContext } from '../workerDeps.js';

/**
 * `/flow export <flow> [<version>|--version N]`: posts a short note in the channel and the
 * version's Flow Language file in its thread (a file needs a message to hang from: uploads share
 * late, so the note comes first).
 */
export async function runExport(ctx: JobContext<CommandJob>, args: CommandArgs): Promise<void> {
  const { service, messenger } = ctx.deps;
  const env = commandEnv(service.config, args, ctx.job.channel);
  const { rest, versions } = trailingVersions(args.words, 1);
  const flow = flowName(rest, flowCommandSyntax('export'));
  const wanted = args.version ?? versions[0];
  const exported = await exportVersion(service, {
    env,
    flow,
    actor: await ctx.actor(),
    ...(wanted === undefined ? {} : { version: wanted }),
  });
  const name = parseFlowKey(flow)?.name ?? flow;
  const note = await messenger.post(
    ctx.job.channel,
    buildExportNote(ctx.job.user, name, exported.version, env),
  );
  await messenger.uploadFile({
    channel: note.channel,
    threadTs: note.ts,
    filename: exported.fileName,
    title: `${name} v${exported.version} (${env})`,
    content: exported.body,
  });
  await tellUser(ctx, buildNotice(`Exported ${name} v${exported.version}: the file is in the channel.`));
}
