import type { FlowType } from '../../../core/flowTypes.js';
import type { Reference, ResourceKind } from '../../../core/references/types.js';
import { Catalog } from '../../../core/resolve/catalog.js';
import type { CatalogData, CatalogMapping, CatalogResource } from '../../../core/resolve/types.js';

/** The target instance the tests resolve into. */
export const TARGET_INSTANCE =
  'arn:aws:connect:eu-west-2:111122223333:instance/7d1e0c52-5b8a-4c61-9d0e-000000000001';
/** The instance the test flows were exported from. */
export const SOURCE_INSTANCE =
  'arn:aws:connect:us-east-1:444455556666:instance/0b6f3a9e-1c2d-4e5f-8a9b-000000000002';

/** Connect ARN path words by kind, for building realistic ARNs. */
const ARN_TYPES: Partial<Record<ResourceKind, string>> = {
  queue: 'queue',
  user: 'agent',
  prompt: 'prompt',
  flow: 'contact-flow',
  module: 'flow-module',
  hours: 'operating-hours',
  view: 'view',
  'task-template': 'task-template',
  'quick-connect': 'transfer-destination',
};

/** An ARN of `kind` with `id` in `instance` (the target unless told). */
export function arnOf(kind: ResourceKind, id: string, instance = TARGET_INSTANCE): string {
  const type = ARN_TYPES[kind];
  if (type === undefined) throw new Error(`no Connect ARN for ${kind}`);
  return `${instance}/${type}/${id}`;
}

/** A reference with sensible defaults: a required queue ARN from the source instance. */
export function ref(overrides: Partial<Reference> = {}): Reference {
  return {
    kind: 'queue',
    action: 'a1b2c3d4-0000-4000-8000-000000000001',
    actionType: 'UpdateContactTargetQueue',
    path: ['Parameters', 'QueueId'],
    value: arnOf('queue', 'source-queue-id', SOURCE_INSTANCE),
    name: 'Sales',
    valueKind: 'arn',
    required: true,
    flowType: null,
    copies: [],
    nameCopies: [],
    ...overrides,
  };
}

/** A flow reference as a Transfer to flow block writes it. */
export function flowRef(value: string, name: string | null, overrides: Partial<Reference> = {}): Reference {
  return ref({
    kind: 'flow',
    actionType: 'TransferToFlow',
    path: ['Parameters', 'ContactFlowId'],
    value,
    name,
    flowType: 'CONTACT_FLOW',
    ...overrides,
  });
}

/** A catalog resource whose ARN is in the target instance (unless `arn` is given). */
export function resource(
  kind: ResourceKind,
  id: string,
  name: string,
  extra: { arn?: string; flowType?: FlowType } = {},
): CatalogResource {
  return {
    kind,
    id,
    name,
    arn: extra.arn ?? arnOf(kind, id),
    ...(extra.flowType === undefined ? {} : { flowType: extra.flowType }),
  };
}

/** A catalog over `resources`, optionally with mappings and a parent. */
export function catalog(
  resources: readonly CatalogResource[],
  options: {
    mappings?: readonly CatalogMapping[];
    parent?: Catalog;
    name?: string;
    instanceArn?: string;
  } = {},
): Catalog {
  const data: CatalogData = {
    name: options.name ?? 'prod',
    instanceArn: options.instanceArn ?? TARGET_INSTANCE,
    resources,
    mappings: options.mappings ?? [],
  };
  return new Catalog(data, options.parent ?? null);
}
