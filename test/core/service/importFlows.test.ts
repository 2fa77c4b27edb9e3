import { describe, expect, it } from 'vitest';
import { ServiceError } from '../../../core/errors.js';
import { type ImportFile, importFlows } from '../../../core/service/importFlows.js';
import { publishApproved } from '../../../core/service/publishApproved.js';
import { rememberResolution } from '../../../core/service/rememberResolution.js';
import { requestPublish } from '../../../core/service/requestPublish.js';
import { sha256 } from '../../../core/versions/hash.js';
import { exampleFlowFiles, jsonFile, makeDeps, type ServiceKit, users } from '../../fakes/serviceKit.js';
import { loadFixture } from '../../fixtures.js';
import { existingFlow, importTexts, inboundFlow, prodKit } from './publishKit.js';

type SupportLine = {
  Metadata: Record<string, unknown>;
  Actions: { Identifier: string; Parameters?: Record<string, unknown> }[];
};

/** The support-line fixture as a file, after `edit`. */
function supportLine(
  edit: (flow: SupportLine) => void = () => {},
  fileName = 'support-line.json',
): ImportFile {
  const flow = loadFixture<SupportLine>('versions/support-line.json');
  edit(flow);
  return jsonFile(fileName, flow);
}

/** The support line with another greeting: different content, same flow. */
function greeting(text: string): ImportFile {
  return supportLine((flow) => {
    const first = flow.Actions[0];
    if (first !== undefined) first.Parameters = { Text: text };
  });
}

const PROD_SALES_QUEUE =
  'arn:aws:connect:us-west-2:444455556666:instance/5e2d7c1b-9a4f-4f3e-8b6d-2c1a0f9e8d77/queue/58303e88-4f23-42e2-beca-76d5291bb34d';

describe('importFlows', () => {
  it('stores version 1 of every example with every reference resolved when importing into prod', async () => {
    const { deps } = makeDeps();
    const result = await importFlows(deps, {
      env: 'prod',
      files: exampleFlowFiles(),
      actor: users.alice,
      channel: 'cli',
    });
    expect(result.flows.map((f) => [f.flowKey, f.version?.number, f.created])).toEqual([
      ['module:Authenticate caller', 1, true],
      ['flow:Billing', 1, true],
      ['flow:Main IVR', 1, true],
      ['flow:Sales queue music', 1, true],
    ]);
    const unresolved = result.flows.flatMap(
      (f) => f.version?.resolutions.filter((r) => r.by === 'unresolved') ?? [],
    );
    expect(unresolved).toEqual([]);
  });

  it('stores content re-targeted to the environment when a reference resolves', async () => {
    const { deps } = makeDeps();
    const result = await importFlows(deps, {
      env: 'prod',
      files: exampleFlowFiles(),
      actor: users.alice,
      channel: 'cli',
    });
    const mainIvr = result.flows.find((f) => f.flowKey === 'flow:Main IVR')?.version;
    expect(mainIvr?.content).toContain(PROD_SALES_QUEUE);
    expect(mainIvr?.content).not.toContain('queue/ffcc12f7-c83a-4b46-a248-96e1a2086abc');
  });

  it('orders modules and referenced flows first when planning the batch', async () => {
    const { deps } = makeDeps();
    const result = await importFlows(deps, {
      env: 'prod',
      files: exampleFlowFiles(),
      actor: users.alice,
      channel: 'cli',
    });
    expect(result.order.at(0)).toBe('authenticate-caller.json');
    expect(result.order.at(-1)).toBe('main-ivr.json');
  });

  it('records who, from where, the hashes and the file as delivered when storing a version', async () => {
    const { deps } = makeDeps();
    const file = supportLine();
    const [flow] = (
      await importFlows(deps, { env: 'test', files: [file], actor: users.alice, channel: 'slack' })
    ).flows;
    const version = flow?.version;
    expect({
      author: version?.author,
      source: version?.source,
      sourceHash: version?.sourceHash,
      original: version?.original,
      contentHash: version?.contentHash,
      createdAt: version?.createdAt,
    }).toEqual({
      author: 'alice',
      source: { channel: 'slack', ref: 'support-line.json' },
      sourceHash: sha256(file.bytes),
      original: new TextDecoder().decode(file.bytes),
      contentHash: sha256(version?.content ?? ''),
      createdAt: '2026-11-21T10:00:00.000Z',
    });
  });

  it('creates no new version when the same bytes are imported twice', async () => {
    const { deps, versions } = makeDeps();
    const input = { env: 'test', files: [supportLine()], actor: users.alice, channel: 'cli' } as const;
    await importFlows(deps, input);
    const again = await importFlows(deps, input);
    expect([again.flows[0]?.created, again.flows[0]?.version?.number]).toEqual([false, 1]);
    expect(await versions.listVersions('test', 'flow:Support line')).toHaveLength(1);
  });

  it('creates version 2 when the content changes', async () => {
    const { deps } = makeDeps();
    await importFlows(deps, { env: 'test', files: [greeting('Hello.')], actor: users.alice, channel: 'cli' });
    const second = await importFlows(deps, {
      env: 'test',
      files: [greeting('Welcome.')],
      actor: users.alice,
      channel: 'cli',
    });
    expect([second.flows[0]?.created, second.flows[0]?.version?.number]).toEqual([true, 2]);
  });

  it('stores nothing and returns the diagnostics when a file cannot be read', async () => {
    const { deps, versions } = makeDeps();
    const broken: ImportFile = {
      name: 'broken.json',
      bytes: new TextEncoder().encode('{"Version": "2019-10-30",'),
    };
    const [flow] = (
      await importFlows(deps, { env: 'test', files: [broken], actor: users.alice, channel: 'cli' })
    ).flows;
    expect([flow?.flowKey, flow?.version, flow?.created]).toEqual([null, null, false]);
    expect(flow?.analysis.diagnostics.map((d) => d.code)).toEqual(['invalid-json']);
    expect(await versions.listHeads('test')).toEqual([]);
  });

  it('refuses a flow whose type differs from the type its name already has', async () => {
    const { deps, versions } = makeDeps();
    await importFlows(deps, { env: 'test', files: [supportLine()], actor: users.alice, channel: 'cli' });
    const queueFlow = supportLine((flow) => {
      flow.Metadata.type = 'customerQueue';
    });
    const [flow] = (
      await importFlows(deps, { env: 'test', files: [queueFlow], actor: users.alice, channel: 'cli' })
    ).flows;
    expect(flow?.version).toBeNull();
    expect(flow?.analysis.diagnostics[0]?.code).toBe('type-mismatch');
    expect(await versions.listVersions('test', 'flow:Support line')).toHaveLength(1);
  });

  it('gives a file that states no type the type its flow already has', async () => {
    const { deps } = makeDeps();
    await importFlows(deps, { env: 'test', files: [supportLine()], actor: users.alice, channel: 'cli' });
    const untyped = supportLine((flow) => {
      delete flow.Metadata.type;
    });
    const [flow] = (
      await importFlows(deps, { env: 'test', files: [untyped], actor: users.alice, channel: 'cli' })
    ).flows;
    expect([flow?.version?.number, flow?.version?.type]).toEqual([2, 'CONTACT_FLOW']);
  });

  it('stores neither file when two files of a batch have the same name', async () => {
    const { deps, versions } = makeDeps();
    const files = [greeting('One.'), { ...greeting('Two.'), name: 'copy.json' }];
    const result = await importFlows(deps, { env: 'test', files, actor: users.alice, channel: 'cli' });
    expect(result.flows.map((f) => f.version)).toEqual([null, null]);
    expect(result.flows[1]?.analysis.diagnostics.map((d) => d.code)).toContain('duplicate-in-batch');
    expect(await versions.listHeads('test')).toEqual([]);
  });

  it.each([
    ['an escape sequence and a line break', 'Support\u001b[2J\nline', 'flow-name-control-character'],
    [
      'over 127 characters (DynamoDB would refuse the key past 1,024 bytes)',
      'é'.repeat(600),
      'flow-name-too-long',
    ],
  ])('stores nothing for a flow whose name holds %s', async (_what, name, code) => {
    const { deps, versions } = makeDeps();
    const file = supportLine((flow) => {
      flow.Metadata.name = name;
    });
    const result = await importFlows(deps, {
      env: 'test',
      files: [file],
      actor: users.alice,
      channel: 'cli',
    });
    expect(result.flows[0]?.version).toBeNull();
    expect(result.flows[0]?.analysis.diagnostics.map((d) => d.code)).toContain(code);
    expect(await versions.listHeads('test')).toEqual([]);
  });

  it('refuses a viewer', async () => {
    const { deps, versions } = makeDeps();
    const importing = importFlows(deps, {
      env: 'test',
      files: [supportLine()],
      actor: users.victor,
      channel: 'cli',
    });
    await expect(importing).rejects.toMatchObject({ name: 'ServiceError', code: 'forbidden' });
    expect(await versions.listHeads('test')).toEqual([]);
  });

  it('refuses an environment the config does not have', async () => {
    const { deps } = makeDeps();
    const importing = importFlows(deps, {
      env: 'staging',
      files: [supportLine()],
      actor: users.alice,
      channel: 'cli',
    });
    await expect(importing).rejects.toThrow(ServiceError);
    await expect(importing).rejects.toMatchObject({ code: 'unknown-environment' });
  });

  it('audits one import event per stored version and none for an unchanged file', async () => {
    const { deps, audit } = makeDeps();
    const input = { env: 'test', files: [supportLine()], actor: users.alice, channel: 'cli' } as const;
    await importFlows(deps, input);
    await importFlows(deps, input);
    const events = await audit.listAudit('test');
    expect(events.map((e) => [e.action, e.actor, e.flowKey, e.detail.version])).toEqual([
      ['import', 'alice', 'flow:Support line', 1],
    ]);
  });

  it('tells people once per import when a notifier is configured', async () => {
    const { deps, notifications } = makeDeps();
    await importFlows(deps, { env: 'prod', files: exampleFlowFiles(), actor: users.alice, channel: 'cli' });
    expect(notifications.map((n) => [n.kind, n.env, n.flowKey])).toEqual([['imported', 'prod', null]]);
    expect(notifications[0]?.text).toContain('Main IVR v1');
  });

  it('numbers versions 1 to 50 when 50 imports of different content run at once', async () => {
    const { deps, versions } = makeDeps();
    const imports = Array.from({ length: 50 }, (_, i) =>
      importFlows(deps, {
        env: 'test',
        files: [greeting(`Hello number ${i}.`)],
        actor: users.alice,
        channel: 'cli',
      }),
    );
    const results = await Promise.all(imports);
    const numbers = results.map((r) => r.flows[0]?.version?.number ?? 0).sort((a, b) => a - b);
    expect(numbers).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    expect((await versions.getHead('test', 'flow:Support line'))?.latest).toBe(50);
  });
});

describe('importing again the file that was published', () => {
  /** prod where a hand-made Main was replaced by the imported one (v1), leaving its snapshot (v2). */
  async function publishedOverHandMade() {
    const kit = prodKit([existingFlow('Main', inboundFlow('Main', { say: 'Made by hand.' }))], {
      approval: { prod: { required: false } },
    });
    await importTexts(kit, 'prod', { main: inboundFlow('Main') });
    const request = await requestPublish(kit.deps, { env: 'prod', flow: 'flow:Main', actor: users.alice });
    await publishApproved(kit.deps, { ids: [request.id], actor: users.alice });
    return kit;
  }

  function importMain(kit: ServiceKit, text: string) {
    return importFlows(kit.deps, {
      env: 'prod',
      files: [{ name: 'main.json', bytes: new TextEncoder().encode(text) }],
      actor: users.alice,
      channel: 'webhook',
    });
  }

  it('stores nothing new although the publish snapshot came after it', async () => {
    const kit = await publishedOverHandMade();
    const afterPublish = (await kit.versions.listVersions('prod', 'flow:Main')).map((v) => v.source.channel);

    const again = await importMain(kit, inboundFlow('Main'));

    expect(afterPublish).toEqual(['snapshot', 'cli']);
    expect(again.flows.map((f) => [f.version?.number, f.created])).toEqual([[1, false]]);
    expect(await kit.versions.listVersions('prod', 'flow:Main')).toHaveLength(2);
  });

  it('stores a new version when the file differs from the published one', async () => {
    const kit = await publishedOverHandMade();

    const changed = await importMain(kit, inboundFlow('Main', { say: 'New words.' }));

    expect(changed.flows.map((f) => [f.version?.number, f.created])).toEqual([[3, true]]);
  });
});

describe('importFlows with sourceEnv', () => {
  /** The examples, with main-ivr calling `dev-lookup-account` (test's name for prod's `lookup-account`). */
  function filesFromTest(): ImportFile[] {
    return exampleFlowFiles().map((file) =>
      file.name === 'main-ivr.json'
        ? {
            name: file.name,
            bytes: new TextEncoder().encode(
              new TextDecoder().decode(file.bytes).replaceAll('lookup-account', 'dev-lookup-account'),
            ),
          }
        : file,
    );
  }
  function depsWithRenames(): ServiceKit['deps'] {
    const { deps } = makeDeps();
    const renames = [
      { from: 'test', to: 'prod', rules: [{ kind: 'lambda' as const, from: 'dev-*', to: '*' }] },
    ];
    return { ...deps, config: { ...deps.config, renames } };
  }
  const PROD_LOOKUP = 'arn:aws:lambda:us-west-2:444455556666:function:lookup-account';

  it('resolves a reference by the rename rule of the source → target pair and re-points it', async () => {
    const result = await importFlows(depsWithRenames(), {
      env: 'prod',
      files: filesFromTest(),
      actor: users.alice,
      channel: 'cli',
      sourceEnv: 'test',
    });

    const main = result.flows.find((f) => f.flowKey === 'flow:Main IVR')?.version;
    const lambda = main?.resolutions[main.references.findIndex((r) => r.kind === 'lambda')];
    expect(lambda).toMatchObject({ by: 'rule', rule: { from: 'dev-*', to: '*' } });
    expect(lambda?.target?.arn).toBe(PROD_LOOKUP);
    expect(main?.content).toContain(PROD_LOOKUP);
  });

  it('keeps the rule when a choice in the target plans the version again', async () => {
    const deps = depsWithRenames();
    await importFlows(deps, {
      env: 'prod',
      files: filesFromTest(),
      actor: users.alice,
      channel: 'cli',
      sourceEnv: 'test',
    });

    const { version } = await rememberResolution(deps, {
      env: 'prod',
      flow: 'Main IVR',
      ref: { kind: 'queue', source: 'Sales' },
      to: 'Billing',
      actor: users.alice,
    });

    expect(version.source.env).toBe('test');
    expect(version.resolutions[version.references.findIndex((r) => r.kind === 'lambda')]?.by).toBe('rule');
  });

  it('applies no rule when the source environment is not given', async () => {
    const result = await importFlows(depsWithRenames(), {
      env: 'prod',
      files: filesFromTest(),
      actor: users.alice,
      channel: 'cli',
    });

    const main = result.flows.find((f) => f.flowKey === 'flow:Main IVR')?.version;
    expect(main?.resolutions[main.references.findIndex((r) => r.kind === 'lambda')]?.by).toBe('unresolved');
  });

  it('refuses a source environment the config does not have', async () => {
    const importing = importFlows(depsWithRenames(), {
      env: 'prod',
      files: filesFromTest(),
      actor: users.alice,
      channel: 'cli',
      sourceEnv: 'staging',
    });

    await expect(importing).rejects.toThrow("There is no environment 'staging'");
  });
});
