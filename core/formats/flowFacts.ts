import type { FlowContent } from '../flow.js';
import { type FlowKind, parseFlowType } from '../flowTypes.js';
import { isJsonObject } from '../json.js';

/** What a container says about the flow inside it (all `null` for a bare document). */
export interface ContainerFacts {
  readonly name: string | null;
  /** The type as the container writes it, unparsed (`CONTACT_FLOW`, `contactFlow`, `MODULE`). */
  readonly type: string | null;
  /** True for containers that only ever hold modules (DescribeContactFlowModule). */
  readonly module: boolean;
  readonly description: string | null;
  readonly arn: string | null;
  readonly id: string | null;
}

/** Facts of a file that has no container. */
export const NO_CONTAINER_FACTS: ContainerFacts = {
  name: null,
  type: null,
  module: false,
  description: null,
  arn: null,
  id: null,
};

const MODULE_SPELLINGS = new Set(['module', 'flowmodule', 'contactflowmodule']);

/** A flow type or module in any spelling real files use, or `null`. */
export function parseFlowKind(value: unknown): FlowKind | null {
  if (typeof value !== 'string') return null;
  if (MODULE_SPELLINGS.has(value.replace(/[_\s-]/g, '').toLowerCase())) return 'MODULE';
  return parseFlowType(value);
}

/** A trimmed, non-empty string, else `null`. */
export function presentText(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value : null;
}

/** The file name without folders and without its last extension (`flows/Main.json` → `Main`). */
export function fileBaseName(file: string): string {
  const name = file.split(/[\\/]/).pop() ?? file;
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(0, dot) : name;
}

/**
 * The resource id at the end of a Connect ARN (`…/contact-flow/<id>`), without a version
 * qualifier (`:$SAVED`, `:3`); `null` when the ARN has no resource path.
 */
export function idFromArn(arn: string): string | null {
  const slash = arn.lastIndexOf('/');
  if (slash === -1) return null;
  const id = arn.slice(slash + 1).split(':')[0] ?? '';
  return id === '' ? null : id;
}

/** The flow's name: the container's, else `Metadata.name`, else the file name. */
export function flowName(file: string, facts: ContainerFacts, content: FlowContent): string {
  return facts.name ?? presentText(content.Metadata?.name) ?? fileBaseName(file);
}

/**
 * The flow's type: the container's, then `MODULE` for module containers and documents with
 * `Settings` (only modules have them), then `Metadata.type`, then `MODULE` when the flow ends
 * with a Return block (`EndFlowModuleExecution`); `null` when nothing says.
 */
export function flowKind(facts: ContainerFacts, content: FlowContent): FlowKind | null {
  if (facts.module) return 'MODULE';
  const fromContainer = parseFlowKind(facts.type);
  if (fromContainer !== null) return fromContainer;
  if (isJsonObject(content.Settings)) return 'MODULE';
  const fromMetadata = parseFlowKind(content.Metadata?.type);
  if (fromMetadata !== null) return fromMetadata;
  return content.Actions.some((a) => a.Type === 'EndFlowModuleExecution') ? 'MODULE' : null;
}

/** The flow's description: the container's, else a non-empty `Metadata.description`. */
export function flowDescription(facts: ContainerFacts, content: FlowContent): string | null {
  return facts.description ?? presentText(content.Metadata?.description);
}
