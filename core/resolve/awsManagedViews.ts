import { formatArn, parseArn } from './arn.js';
import type { CatalogResource } from './types.js';

/**
 * The views AWS manages for every Amazon Connect instance (the Show view block's built-in
 * choices: the admin guide's "AWS managed views", and the after contact work view AWS's own
 * sample flow shows), by id and the name the flow designer gives them. They are the same in
 * every account: only the Region in their ARN (`arn:aws:connect:REGION:aws:view/ID`) changes.
 */
export const AWS_MANAGED_VIEWS: readonly { readonly id: string; readonly name: string }[] = [
  { id: 'detail', name: 'Detail' },
  { id: 'confirmation', name: 'Confirmation' },
  { id: 'form', name: 'Form' },
  { id: 'list', name: 'List' },
  { id: 'cards', name: 'Cards' },
  { id: 'after-contact-work', name: 'After contact work' },
];

/**
 * The AWS-managed views as catalog resources of the instance `instanceArn` (its partition and
 * Region), leaving out any id in `known` (what the instance already lists wins). None when the
 * instance ARN does not parse.
 */
export function awsManagedViews(
  instanceArn: string,
  known: ReadonlySet<string> = new Set(),
): CatalogResource[] {
  const instance = parseArn(instanceArn);
  if (instance === null) return [];
  return AWS_MANAGED_VIEWS.filter((view) => !known.has(view.id)).map((view) => ({
    kind: 'view',
    id: view.id,
    name: view.name,
    arn: formatArn({
      partition: instance.partition,
      service: 'connect',
      region: instance.region,
      account: 'aws',
      resource: `view/${view.id}`,
    }),
  }));
}
