import { ConnectContactCenter } from '../../adapters/connect/ConnectContactCenter.js';
import { UNLIMITED } from '../../adapters/connect/rateLimiter.js';
import type { CatalogResource } from '../../core/resolve/types.js';
import { minimalContent } from '../../core/versions/minimalContent.js';
import { describeContactCenterContract } from './contactCenterContract.js';
import { FakeConnectApi, type FakeConnectFlow } from './fakeConnectApi.js';

/** The action of the one block a seeded flow holds (the suite never reads seeded content). */
const SEEDED_ACTION = '5eed5eed-0000-4000-8000-000000000000';

const isFlow = (r: CatalogResource) => r.kind === 'flow' || r.kind === 'module';

/** A seeded flow or module as Connect would hold it: published, with one block. */
function seededFlow(resource: CatalogResource): FakeConnectFlow {
  const kind = resource.kind === 'module' ? 'module' : 'flow';
  const type = resource.flowType ?? null;
  return {
    kind,
    id: resource.id,
    name: resource.name,
    type,
    content: JSON.stringify(minimalContent(kind === 'module' ? 'MODULE' : type, SEEDED_ACTION)),
    status: 'PUBLISHED',
  };
}

describeContactCenterContract(
  'ConnectContactCenter over a fake Connect API',
  ({ instanceArn, resources, account }) => {
    const api = new FakeConnectApi({
      instanceArn,
      account: account ?? [],
      resources: resources.filter((r) => !isFlow(r)),
      flows: resources.filter(isFlow).map(seededFlow),
      // One item a page: any listing of two or more comes whole only by following NextToken.
      pageSize: 1,
    });
    return new ConnectContactCenter({ client: api.client, instanceArn, limiter: UNLIMITED });
  },
);
