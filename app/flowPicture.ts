import type { SlackMessenger } from '../adapters/slack/SlackMessenger.js';
import { parseFlowContent } from '../core/formats/parseFlowContent.js';
import type { ImportResult } from '../core/service/importFlows.js';
import type { FlowVersion } from '../core/versions/types.js';
import { renderFlowPng } from '../render/flowPng.js';
import { renderFlowSvg } from '../render/flowSvg.js';

/**
 * A stored version as a PNG picture for the report's thread: the designer's layout, problem
 * blocks outlined. Null when the stored content is not a flow (never expected).
 */
export function renderVersionPng(version: FlowVersion): Uint8Array | null {
  const checked = parseFlowContent(JSON.parse(version.content));
  if (!checked.ok) return null;
  const svg = renderFlowSvg(checked.content, version.diagnostics, {
    title: `${version.name} v${version.number}`,
  });
  return renderFlowPng(svg);
}

/** Draws a stored version as a PNG (where the runtime can: resvg is a native module). */
export type FlowPicture = (version: FlowVersion) => Uint8Array | null;

/** How many flow pictures one import posts (a zip of many flows gets the first few). */
const MAX_PICTURES = 5;

/**
 * A picture of each flow an import stored, in the report's thread; nothing where no `picture`
 * is given (a runtime without resvg).
 */
export async function postFlowPictures(
  messenger: Pick<SlackMessenger, 'uploadFile'>,
  picture: FlowPicture | undefined,
  channel: string,
  threadTs: string,
  result: ImportResult,
): Promise<void> {
  if (picture === undefined) return;
  const versions = result.flows
    .flatMap((f) => (f.version === null ? [] : [f.version]))
    .slice(0, MAX_PICTURES);
  for (const version of versions) {
    const png = picture(version);
    if (png === null) continue;
    await messenger.uploadFile({
      channel,
      threadTs,
      filename: `${version.name.replace(/[^\w.-]+/g, '_')}-v${version.number}.png`,
      title: `${version.name} v${version.number}`,
      content: png,
    });
  }
}
