import type { FlowKind, FlowType } from '../flowTypes.js';
import type { Reference, ResourceKind } from '../references/types.js';
import { idOf } from './arn.js';

/** A flow or module of the batch being planned, as references to it are matched. */
export interface BundleMember {
  readonly file: string;
  readonly name: string;
  readonly type: FlowKind | null;
  readonly sourceArn: string | null;
  readonly sourceId: string | null;
  /** The existing target flow this member will update; `null` or absent when it will be created. */
  readonly target?: { readonly arn: string; readonly id: string } | null;
}

/**
 * The flows and modules of one batch, indexed once so every reference of every flow can ask
 * "is this part of the batch?". A member that records where it came from (source ARN or id) is
 * matched by that id when the reference carries one; otherwise, or when the reference has only a
 * name, by exact name. A reference that needs a flow type only matches members of that type.
 * Two members that match equally well are ambiguous, and neither is returned.
 */
export class BundleIndex {
  readonly members: readonly BundleMember[];
  readonly #byId = new Map<string, BundleMember[]>();
  readonly #byName = new Map<string, BundleMember[]>();

  constructor(members: readonly BundleMember[]) {
    this.members = members;
    for (const member of members) {
      const kind = memberKind(member);
      for (const id of sourceIds(member)) push(this.#byId, key(kind, id), member);
      push(this.#byName, key(kind, member.name), member);
    }
  }

  /** The batch member `ref` points at, or `null` (not a flow/module reference, absent, or ambiguous). */
  find(ref: Reference): BundleMember | null {
    if (ref.kind !== 'flow' && ref.kind !== 'module') return null;
    const fits = (m: BundleMember): boolean => fitsType(m, ref.flowType);
    const refId = ref.valueKind === 'arn' || ref.valueKind === 'id' ? idOf(ref.value) : '';
    if (refId !== '') {
      const byId = (this.#byId.get(key(ref.kind, refId)) ?? []).filter(fits);
      if (byId.length > 0) return single(byId);
    }
    if (ref.name === null) return null;
    // A member known by id is matched by name only when the reference has no id to compare.
    const byName = (this.#byName.get(key(ref.kind, ref.name)) ?? []).filter(
      (m) => fits(m) && (refId === '' || sourceIds(m).length === 0),
    );
    return single(byName);
  }
}

/** `module` for a flow module, `flow` for any flow (including one whose type the file does not say). */
export function memberKind(member: Pick<BundleMember, 'type'>): 'flow' | 'module' {
  return member.type === 'MODULE' ? 'module' : 'flow';
}

function sourceIds(member: BundleMember): string[] {
  const ids = new Set<string>();
  if (member.sourceId !== null && member.sourceId !== '') ids.add(member.sourceId);
  if (member.sourceArn !== null && member.sourceArn !== '') ids.add(idOf(member.sourceArn));
  return [...ids];
}

/** A member of unknown type answers only references that need no particular type. */
function fitsType(member: BundleMember, flowType: FlowType | null): boolean {
  return flowType === null || member.type === 'MODULE' || member.type === flowType;
}

function single(members: readonly BundleMember[]): BundleMember | null {
  const [only] = members;
  return only !== undefined && members.length === 1 ? only : null;
}

function key(kind: ResourceKind, value: string): string {
  return `${kind}\u0000${value}`;
}

function push(map: Map<string, BundleMember[]>, k: string, member: BundleMember): void {
  const list = map.get(k);
  if (list === undefined) map.set(k, [member]);
  else list.push(member);
}
