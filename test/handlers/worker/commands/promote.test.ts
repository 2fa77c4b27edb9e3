import { describe, expect, it } from 'vitest';
import { promoteFlows } from '../../../../core/service/promoteFlows.js';
import { processSlackJob } from '../../../../handlers/worker/processJob.js';
import { instanceData, sourceCenter, TARGET_INSTANCE } from '../../../core/service/liveFlows.js';
import { MemoryContactCenter } from '../../../fakes/memoryContactCenter.js';
import { makeDeps, users } from '../../../fakes/serviceKit.js';
import { CHANNELS, commandJob, onlyTopLevel, workerDeps, workerSuite } from '../workerKit.js';

const PROD_QUEUE = '99999999-8888-4777-8666-555544443333';

describe('runPromote', () => {
  const t = workerSuite();

  it('answers like a repeated publish, naming the flow, when a version of the batch is already asked for', async () => {
    const target = new MemoryContactCenter(instanceData(TARGET_INSTANCE, PROD_QUEUE, '444455556666'));
    const kit = makeDeps({ prodParent: false, centers: { test: sourceCenter(), prod: target } });
    const deps = workerDeps(t.fake, kit);
    await promoteFlows(kit.deps, {
      from: 'test',
      to: 'prod',
      flows: ['Check balance'],
      all: false,
      actor: users.bob,
    });
    const job = commandJob('promote', ['--all', '--from', 'test', '--to', 'prod'], t.fake.responseUrl());

    await processSlackJob(job, deps);

    const answers = t.fake.calls('response_url').map((c) => JSON.stringify(c.args));
    expect(answers.join('\n')).toMatch(
      /Publishing \*Check balance\* v1 to \*prod\* was already requested by bob <!date\^\d+\^/,
    );
    const report = JSON.stringify(onlyTopLevel(t.fake, CHANNELS.prod));
    expect(report).toMatch(/already requested by bob <!date\^/);
    expect(report).not.toMatch(/\d{4}-\d\d-\d\dT\d\d:/);
  });
});
