import { describe, expect, it } from 'vitest';
import { matchesFlowPattern, pullFlows } from '../../../core/service/pullFlows.js';
import { makeDeps, users } from '../../fakes/serviceKit.js';
import { SOURCE_IDS, sourceCenter } from './liveFlows.js';

function kit() {
  const source = sourceCenter();
  return { source, ...makeDeps({ prodParent: false, centers: { test: source } }) };
}

describe('pullFlows', () => {
  it('stores each live flow and module as a version of the source, named as its inventory names them', async () => {
    const { deps, versions } = kit();
    const result = await pullFlows(deps, { env: 'test', flows: [], actor: users.alice });
    expect(result.flows.map((f) => [f.flowKey, f.version?.number, f.created])).toEqual([
      ['module:Check balance', 1, true],
      ['flow:Main IVR', 1, true],
    ]);
    const main = await versions.getVersion('test', 'flow:Main IVR', 1);
    expect(main?.source).toEqual({ channel: 'pull', ref: expect.stringContaining(SOURCE_IDS.flow) });
    // The stale labels of the content are replaced by the names the live inventory gives.
    expect(main?.content).toContain('"text":"Sales"');
    expect(main?.content).not.toContain('SELECT QUEUE');
    expect(main?.content).toContain('"contactFlowModuleName":"Check balance"');
  });

  it('marks what it pulled as published in the source', async () => {
    const { deps, versions } = kit();
    await pullFlows(deps, { env: 'test', flows: ['Main IVR'], actor: users.alice });
    const head = await versions.getHead('test', 'flow:Main IVR');
    expect(head?.published).toBe(1);
    expect(head?.target?.id).toBe(SOURCE_IDS.flow);
  });

  it('stores nothing new when the source has not changed', async () => {
    const { deps, versions } = kit();
    await pullFlows(deps, { env: 'test', flows: [], actor: users.alice });
    const again = await pullFlows(deps, { env: 'test', flows: [], actor: users.alice });
    expect(again.flows.every((f) => !f.created)).toBe(true);
    expect((await versions.listVersions('test', 'flow:Main IVR')).length).toBe(1);
  });

  it('pulls the modules a selected flow uses when asked for its dependencies', async () => {
    const { deps } = kit();
    const result = await pullFlows(deps, {
      env: 'test',
      flows: ['Main*'],
      dependencies: true,
      actor: users.alice,
    });
    expect(result.flows.map((f) => f.flowKey)).toEqual(['flow:Main IVR', 'module:Check balance']);
  });

  it('reads the saved draft with saved, and does not mark it as published', async () => {
    const { deps, versions, source } = kit();
    const published = source.flow(SOURCE_IDS.flow)?.content ?? '';
    const draft = published.replace('"InvocationTimeLimitSeconds":"3"', '').replace('"x":300', '"x":310');
    await source.updateFlow({ kind: 'flow', id: SOURCE_IDS.flow, content: draft, status: 'SAVED' });
    const result = await pullFlows(deps, {
      env: 'test',
      flows: ['Main IVR'],
      saved: true,
      actor: users.alice,
    });
    expect(result.flows[0]?.version?.content).toContain('"x":310');
    expect((await versions.getHead('test', 'flow:Main IVR'))?.published).toBeNull();
  });

  it('refuses a name the source has no flow for, before reading any flow', async () => {
    const { deps, source } = kit();
    await expect(pullFlows(deps, { env: 'test', flows: ['Nope'], actor: users.alice })).rejects.toThrow(
      /test has no flow or module named 'Nope'/,
    );
    expect(source.calls.some((c) => c.method === 'describeFlows')).toBe(false);
  });
});

describe('matchesFlowPattern', () => {
  it.each([
    ['Main IVR', 'Main IVR', true],
    ['Main*', 'Main IVR', true],
    ['?ain IVR', 'Main IVR', true],
    ['Main', 'Main IVR', false],
    ['Sales (EU)', 'Sales (EU)', true],
  ])('%s matches %s: %s', (pattern, name, expected) => {
    expect(matchesFlowPattern(pattern, name)).toBe(expected);
  });
});
