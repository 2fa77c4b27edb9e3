import type { Actor } from '../config.js';
import type { ServiceDeps } from '../deps.js';
import { sha256 } from '../versions/hash.js';
import type { PublishMember } from './publishPlan.js';

/**
 * The version that holds what an update is about to replace: an existing version with that
 * content (usually the one published last), else a new `snapshot` version of the target's
 * content, so rollback always has something to go back to. Returns its number.
 */
export async function snapshotTarget(
  deps: ServiceDeps,
  member: PublishMember,
  content: string,
  actor: Actor,
): Promise<number> {
  const { env, flowKey, name, type } = member.version;
  const hash = sha256(content);
  const known = (await deps.versions.listVersions(env, flowKey)).find((v) => v.contentHash === hash);
  if (known !== undefined) return known.number;
  const { version } = await deps.versions.appendVersion({
    env,
    flowKey,
    name,
    type,
    format: 'flow-language',
    contentHash: hash,
    sourceHash: hash,
    source: { channel: 'snapshot', ref: member.located.target?.arn ?? '' },
    author: actor.id,
    createdAt: deps.clock.now().toISOString(),
    restores: null,
    // What Connect held is not re-analyzed here: the snapshot exists to be restored, as it was.
    diagnostics: [],
    references: [],
    resolutions: [],
    content,
    original: content,
  });
  return version.number;
}
