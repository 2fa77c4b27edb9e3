import type { RememberedMapping } from '../core/versions/types.js';
import { code, mention, plural, slackDate } from './format.js';
import { escapeMrkdwn, type SlackMessage } from './limits.js';
import { buildListMessage } from './listMessage.js';

/** Remembered resolutions of an environment (`/flow map`). */
export interface MappingsView {
  readonly env: string;
  readonly mappings: readonly RememberedMapping[];
  /** The environment's name for each mapping's target (an ARN or id), where it has the resource. */
  readonly targetNames?: ReadonlyMap<string, string>;
}

/** How many mappings the message lists. */
const SHOWN_MAPPINGS = 40;

/** The environment's remembered replacements, by kind: source → target, who chose it and when. */
export function buildMappings(view: MappingsView): SlackMessage {
  const first =
    view.mappings.length === 0
      ? `No replacements are remembered for ${view.env} yet.`
      : `${plural(view.mappings.length, 'remembered replacement')} in ${view.env}.`;
  const sorted = [...view.mappings].sort(
    (a, b) => a.kind.localeCompare(b.kind) || a.source.localeCompare(b.source),
  );
  return buildListMessage(
    first,
    sorted,
    SHOWN_MAPPINGS,
    (m) =>
      `${m.kind} ${sourceOf(m)} → ${targetOf(view, m)} · ${mention(m.chosenBy)} ${slackDate(m.chosenAt)}`,
    'replacement',
  );
}

/** The source by the name its flow gave it, else as remembered (a raw ARN or id). */
function sourceOf(mapping: RememberedMapping): string {
  return mapping.sourceName === undefined ? code(mapping.source) : `*${escapeMrkdwn(mapping.sourceName)}*`;
}

/** The target by the environment's name for it, else as remembered. */
function targetOf(view: MappingsView, mapping: RememberedMapping): string {
  const name = view.targetNames?.get(mapping.target);
  return name === undefined ? code(mapping.target) : `*${escapeMrkdwn(name)}*`;
}
