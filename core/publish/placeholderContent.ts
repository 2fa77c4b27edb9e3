import type { FlowContent } from '../flow.js';
import { isJsonObject } from '../json.js';
import { minimalContent } from '../versions/minimalContent.js';
import type { FlowVersion } from '../versions/types.js';

const PLACEHOLDER_ID = 'flowgate-placeholder';

/**
 * The smallest valid content for a flow or module of the version's kind: one terminal block
 * (Return for a module, End flow / Resume where a disconnect is not allowed, else Disconnect).
 * Members of a cycle are created with it to get their ARNs, then given their real content. A
 * module keeps its real `Settings`, so flows invoking it see the interface they expect.
 */
export function placeholderContent(version: Pick<FlowVersion, 'type' | 'content'>): FlowContent {
  const base = minimalContent(version.type, PLACEHOLDER_ID);
  if (version.type !== 'MODULE') return base;
  return { ...base, Settings: moduleSettings(version.content) };
}

function moduleSettings(content: string): NonNullable<FlowContent['Settings']> {
  const empty = { InputParameters: [], OutputParameters: [], Transitions: [] };
  try {
    const parsed: unknown = JSON.parse(content);
    const settings = isJsonObject(parsed) ? parsed.Settings : undefined;
    return isJsonObject(settings) ? settings : empty;
  } catch {
    return empty;
  }
}
