import { describe, expect, it } from 'vitest';
import type { ServiceDeps } from '../../../core/deps.js';
import { AlreadyRequestedError } from '../../../core/errors.js';
import { importFlows } from '../../../core/service/importFlows.js';
import { requestPublish } from '../../../core/service/requestPublish.js';
import { requestPublishBatch } from '../../../core/service/requestPublishBatch.js';
import type { FlowVersion } from '../../../core/versions/types.js';
import { exampleFlowFiles, makeDeps, users } from '../../fakes/serviceKit.js';

async function firstVersions(deps: ServiceDeps, keys: readonly string[]): Promise<FlowVersion[]> {
  return Promise.all(
    keys.map(async (key) => {
      const version = await deps.versions.getVersion('prod', key, 1);
      if (version === null) throw new Error(`no ${key} v1`);
      return version;
    }),
  );
}

describe('requestPublishBatch', () => {
  it('refuses a batch with a version someone already asked for, and writes no request of it', async () => {
    const kit = makeDeps();
    await importFlows(kit.deps, {
      env: 'prod',
      files: exampleFlowFiles(),
      actor: users.alice,
      channel: 'cli',
    });
    const first = await requestPublish(kit.deps, { env: 'prod', flow: 'Billing', actor: users.alice });
    // Billing leads, so without the check before writing, the module's request would be written first.
    const versions = await firstVersions(kit.deps, ['flow:Billing', 'module:Authenticate caller']);

    const batch = requestPublishBatch(kit.deps, { env: 'prod', actor: users.alice, versions });

    await expect(batch).rejects.toBeInstanceOf(AlreadyRequestedError);
    await expect(batch).rejects.toThrow(/Billing v1 in prod was already requested by alice/);
    const pending = await kit.deps.requests.listRequests('prod', 'pending');
    expect(pending.map((r) => r.id)).toEqual([first.id]);
  });

  it('asks for every version of the batch under one lead when none is asked for yet', async () => {
    const kit = makeDeps();
    await importFlows(kit.deps, {
      env: 'prod',
      files: exampleFlowFiles(),
      actor: users.alice,
      channel: 'cli',
    });
    const versions = await firstVersions(kit.deps, ['module:Authenticate caller', 'flow:Billing']);

    const { lead, members } = await requestPublishBatch(kit.deps, {
      env: 'prod',
      actor: users.alice,
      versions,
    });

    expect(members.map((m) => [m.flowKey, m.batch])).toEqual([
      ['module:Authenticate caller', lead.id],
      ['flow:Billing', lead.id],
    ]);
  });
});
