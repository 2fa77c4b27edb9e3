import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../cli/main.js';
import { type Captured, captureIo } from './captureIo.js';

const root = join(import.meta.dirname, '..', '..');

function capture(color = false, cwd = root): Captured {
  return captureIo(cwd, color);
}

interface JsonRef {
  kind: string;
  name: string | null;
  value: string;
  resolution?: { by: string; target: { arn: string | null; name: string } | null };
}
interface JsonFlow {
  file: string;
  name: string;
  type: string | null;
  format: string | null;
  actions: number;
  publishable: boolean;
  diagnostics: { severity: string; code: string }[];
  references: JsonRef[];
}

async function planExamples(): Promise<{ code: number; report: { flows: JsonFlow[]; order: string[] } }> {
  const c = capture();
  const code = await main(
    ['plan', 'examples/flows', '--target', 'examples/instances/prod.json', '--json'],
    c.io,
  );
  return { code, report: JSON.parse(c.out()) };
}

function flowNamed(report: { flows: JsonFlow[] }, name: string): JsonFlow {
  const flow = report.flows.find((f) => f.name === name);
  if (flow === undefined) throw new Error(`no flow named ${name}`);
  return flow;
}

/** Files that cannot be read at all, with the finding that says why. */
const UNREADABLE: [string, Uint8Array | string, string][] = [
  ['empty', '', 'invalid-json'],
  ['truncated', '{ "Version": "2019-10-30", "Actions": [', 'invalid-json'],
  ['not UTF-8', Uint8Array.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]), 'invalid-encoding'],
  ['over 5 MB', `{"Version":"2019-10-30","pad":"${'x'.repeat(5 * 1024 * 1024)}"}`, 'file-too-large'],
  ['a zip that is not one', Uint8Array.from([0x50, 0x4b, 0x05, 0x06, 0, 0, 0xff]), 'invalid-encoding'],
];

describe('main plan', () => {
  it('exits 0 and marks every example publishable when the target has everything', async () => {
    const { code, report } = await planExamples();
    expect(report.flows.map((f) => [f.name, f.publishable])).toEqual([
      ['Authenticate caller', true],
      ['Billing', true],
      ['Main IVR', true],
      ['Sales queue music', true],
    ]);
    expect(code).toBe(0);
  });

  it('orders the module and the referenced flows before the flow that uses them', async () => {
    const { report } = await planExamples();
    const at = (file: string) => report.order.indexOf(`examples/flows/${file}`);
    expect(report.order).toHaveLength(4);
    expect(at('authenticate-caller.json')).toBeLessThan(at('main-ivr.json'));
    expect(at('billing.json')).toBeLessThan(at('main-ivr.json'));
    expect(at('sales-queue-music.json')).toBeLessThan(at('main-ivr.json'));
    expect(at('authenticate-caller.json')).toBe(0);
  });

  it('reports each container format and type', async () => {
    const { report } = await planExamples();
    expect(report.flows.map((f) => [f.name, f.format, f.type])).toEqual([
      ['Authenticate caller', 'describe-contact-flow-module', 'MODULE'],
      ['Billing', 'legacy', 'CONTACT_FLOW'],
      ['Main IVR', 'flow-language', 'CONTACT_FLOW'],
      ['Sales queue music', 'describe-contact-flow', 'CUSTOMER_QUEUE'],
    ]);
  });

  it('resolves by name, through the parent catalog, and to flows of the same batch', async () => {
    const { report } = await planExamples();
    const refs = flowNamed(report, 'Main IVR').references;
    const by = (kind: string, name: string) =>
      refs.find((r) => r.kind === kind && r.name === name)?.resolution?.by;
    expect(by('queue', 'Sales')).toBe('name');
    expect(by('prompt', 'Welcome.wav')).toBe('name');
    expect(by('lambda', 'lookup-account')).toBe('name');
    expect(by('module', 'Authenticate caller')).toBe('bundle');
    expect(by('flow', 'Billing')).toBe('bundle');
    expect(by('flow', 'Sales queue music')).toBe('bundle');
  });

  it('points a reference to a batch flow that already exists in the target at that flow', async () => {
    const { report } = await planExamples();
    const prod = JSON.parse(readFileSync(join(root, 'examples/instances/prod.json'), 'utf8')) as {
      resources: { name: string; arn: string }[];
    };
    const existing = prod.resources.find((r) => r.name === 'Sales queue music');
    const hook = flowNamed(report, 'Main IVR').references.find((r) => r.name === 'Sales queue music');
    expect(hook?.resolution?.target?.arn).toBe(existing?.arn);
  });

  it('writes re-targeted flows with --out that no longer point at the source instance', async () => {
    const out = mkdtempSync(join(tmpdir(), 'flowgate-out-'));
    const c = capture();
    const code = await main(
      ['plan', 'examples/flows', '--target', 'examples/instances/prod.json', '--out', out],
      c.io,
    );
    const main_ = readFileSync(join(out, 'main-ivr.json'), 'utf8');
    expect(code).toBe(0);
    // Everything but the flows this batch will create is now in the target's Region and account.
    expect(main_).toContain('arn:aws:connect:us-west-2:444455556666:instance/5e2d7c1b');
    expect(main_).toContain('arn:aws:lambda:us-west-2:444455556666:function:lookup-account');
    expect(main_).not.toContain('arn:aws:lambda:us-east-1:111122223333');
    expect(main_).not.toContain('instance/0c9bd5a8-1f55-4b4e-9d1f-3a2f7f6e1c11/queue/');
    expect(main_).not.toContain('instance/0c9bd5a8-1f55-4b4e-9d1f-3a2f7f6e1c11/prompt/');
  });

  it('prints a readable report without colour codes when colour is off', async () => {
    const c = capture(false);
    await main(['plan', 'examples/flows', '--target', 'examples/instances/prod.json'], c.io);
    expect(c.out()).toContain('Publish order');
    expect(c.out()).toContain('ready to publish');
    expect(c.out()).not.toContain('\u001b[');
  });

  it('uses colour when the terminal allows it', async () => {
    const c = capture(true);
    await main(['plan', 'examples/flows', '--target', 'examples/instances/prod.json'], c.io);
    expect(c.out()).toContain('\u001b[');
  });

  it('exits 1 and names the reference when a required resource is missing from the target', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'flowgate-cat-'));
    const prod = JSON.parse(readFileSync(join(root, 'examples/instances/prod.json'), 'utf8')) as {
      parent?: string;
      resources: { name: string }[];
    };
    const withoutSales = {
      ...prod,
      parent: join(root, 'examples/instances/shared.json'),
      resources: prod.resources.filter((r) => r.name !== 'Sales'),
    };
    writeFileSync(join(dir, 'prod.json'), JSON.stringify(withoutSales));
    const c = capture();
    const code = await main(
      ['plan', 'examples/flows/main-ivr.json', '--target', join(dir, 'prod.json'), '--json'],
      c.io,
    );
    const flow = (JSON.parse(c.out()) as { flows: JsonFlow[] }).flows[0];
    expect(code).toBe(1);
    expect(flow?.publishable).toBe(false);
    expect(flow?.references.find((r) => r.name === 'Sales')?.resolution?.by).toBe('unresolved');
  });

  it('exits 2 when --target is missing', async () => {
    const c = capture();
    expect(await main(['plan', 'examples/flows'], c.io)).toBe(2);
    expect(c.err()).toContain('--target');
  });

  it('exits 2 when a flow file cannot be read at all', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'flowgate-plan-'));
    writeFileSync(join(dir, 'flow.json'), '');
    const target = join(root, 'examples/instances/prod.json');

    expect(await main(['plan', 'flow.json', '--target', target], capture(false, dir).io)).toBe(2);
  });

  it('exits 2 with the key named when the catalog is malformed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'flowgate-cat-'));
    writeFileSync(
      join(dir, 'bad.json'),
      JSON.stringify({
        name: 'x',
        instanceArn: 'arn:aws:connect:us-east-1:1:instance/x',
        resources: [{ kind: 'queue' }],
      }),
    );
    const c = capture();
    expect(await main(['plan', 'examples/flows', '--target', join(dir, 'bad.json')], c.io)).toBe(2);
    expect(c.err()).toContain('resources[0]');
  });
});

describe('main plan --from', () => {
  /** main-ivr.json calling `dev-lookup` from test, and a prod catalog that has only `prod-lookup`. */
  function renameFixture(): { dir: string; flow: string; target: string; config: string } {
    const dir = mkdtempSync(join(tmpdir(), 'flowgate-rename-'));
    const flow = readFileSync(join(root, 'examples/flows/main-ivr.json'), 'utf8').replaceAll(
      'lookup-account',
      'dev-lookup',
    );
    writeFileSync(join(dir, 'main-ivr.json'), flow);
    const prod = JSON.parse(readFileSync(join(root, 'examples/instances/prod.json'), 'utf8')) as {
      resources: { name: string; id: string; arn: string }[];
    };
    const renamed = {
      ...prod,
      parent: join(root, 'examples/instances/shared.json'),
      resources: prod.resources.map((r) =>
        r.name === 'lookup-account'
          ? {
              ...r,
              id: 'prod-lookup',
              name: 'prod-lookup',
              arn: r.arn.replace('lookup-account', 'prod-lookup'),
            }
          : r,
      ),
    };
    writeFileSync(join(dir, 'prod.json'), JSON.stringify(renamed));
    const config = {
      environments: { test: { local: {} }, prod: { local: {} } },
      renames: [{ from: 'test', to: 'prod', rules: [{ kind: 'lambda', from: 'dev-*', to: 'prod-*' }] }],
    };
    writeFileSync(join(dir, 'flowgate.json'), JSON.stringify(config));
    return {
      dir,
      flow: join(dir, 'main-ivr.json'),
      target: join(dir, 'prod.json'),
      config: join(dir, 'flowgate.json'),
    };
  }

  it('resolves dev-lookup to prod-lookup by rule when the files came from test', async () => {
    const { flow, target, config } = renameFixture();
    const c = capture();

    const code = await main(['plan', flow, '--target', target, '--from', 'test', '--config', config], c.io);

    // The batch lacks the module and Billing (errors), but the Lambda is found by the rule.
    expect(code).toBe(1);
    expect(c.out()).toMatch(/rule\s+lambda\s+dev-lookup\s+→ prod-lookup .* by rule dev-\* → prod-\*/);
  });

  it('reports the rule in --json', async () => {
    const { flow, target, config } = renameFixture();
    const c = capture();

    await main(['plan', flow, '--target', target, '--from', 'test', '--config', config, '--json'], c.io);

    const refs = (JSON.parse(c.out()) as { flows: JsonFlow[] }).flows[0]?.references ?? [];
    expect(refs.find((r) => r.kind === 'lambda')?.resolution).toEqual({
      by: 'rule',
      target: { arn: 'arn:aws:lambda:us-west-2:444455556666:function:prod-lookup', name: 'prod-lookup' },
      rule: { from: 'dev-*', to: 'prod-*' },
    });
  });

  it('leaves the reference unresolved without --from', async () => {
    const { flow, target } = renameFixture();
    const c = capture();

    await main(['plan', flow, '--target', target, '--json'], c.io);

    const refs = (JSON.parse(c.out()) as { flows: JsonFlow[] }).flows[0]?.references ?? [];
    expect(refs.find((r) => r.kind === 'lambda')?.resolution?.by).toBe('unresolved');
  });

  it('exits 2 naming the environments when --from is not one of them', async () => {
    const { flow, target, config } = renameFixture();
    const c = capture();

    expect(await main(['plan', flow, '--target', target, '--from', 'dev', '--config', config], c.io)).toBe(2);
    expect(c.err()).toContain(`there is no environment 'dev' in the configuration (known: test, prod)`);
  });
});

describe('main validate', () => {
  it('exits 1 with a JSON diagnostic when a transition points nowhere', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'flowgate-val-'));
    const flow = {
      Version: '2019-10-30',
      StartAction: 'greet',
      Actions: [
        {
          Identifier: 'greet',
          Type: 'MessageParticipant',
          Parameters: { Text: 'Hi' },
          Transitions: { NextAction: 'gone' },
        },
      ],
    };
    writeFileSync(join(dir, 'broken.json'), JSON.stringify(flow));
    const c = capture(false, dir);
    const code = await main(['validate', 'broken.json', '--json'], c.io);
    const report = JSON.parse(c.out()) as { flows: JsonFlow[]; order?: unknown };
    expect(code).toBe(1);
    expect(report.order).toBeUndefined();
    expect(report.flows[0]?.diagnostics.map((d) => d.code)).toContain('dangling-transition');
    expect(report.flows[0]?.references.every((r) => r.resolution === undefined)).toBe(true);
  });

  it('reports a file that is not JSON, keeps going with the others, and exits 2 for it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'flowgate-val-'));
    writeFileSync(join(dir, 'a.json'), '{ "Version": "2019-10-30", ');
    writeFileSync(join(dir, 'b.json'), readFileSync(join(root, 'examples/flows/main-ivr.json')));
    const c = capture(false, dir);
    const code = await main(['validate', '.', '--json'], c.io);
    const report = JSON.parse(c.out()) as { flows: JsonFlow[] };
    expect(code).toBe(2);
    expect(report.flows.map((f) => [f.file, f.format])).toEqual([
      ['a.json', null],
      ['b.json', 'flow-language'],
    ]);
    expect(report.flows[0]?.diagnostics[0]?.code).toBe('invalid-json');
  });

  it('applies --type to a file that does not state its type', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'flowgate-val-'));
    const flow = {
      Version: '2019-10-30',
      StartAction: 'go',
      Actions: [
        {
          Identifier: 'go',
          Type: 'TransferToFlow',
          Parameters: { ContactFlowId: 'arn:aws:connect:us-east-1:111122223333:instance/i/contact-flow/f' },
          Transitions: { NextAction: 'end', Errors: [{ NextAction: 'end', ErrorType: 'NoMatchingError' }] },
        },
        { Identifier: 'end', Type: 'DisconnectParticipant', Parameters: {}, Transitions: {} },
      ],
    };
    writeFileSync(join(dir, 'queue.json'), JSON.stringify(flow));
    const untyped = capture(false, dir);
    await main(['validate', 'queue.json', '--json'], untyped.io);
    const typed = capture(false, dir);
    const code = await main(['validate', 'queue.json', '--json', '--type', 'CUSTOMER_QUEUE'], typed.io);
    const codes = (c: Captured) =>
      (JSON.parse(c.out()) as { flows: JsonFlow[] }).flows[0]?.diagnostics.map((d) => d.code);
    expect(codes(untyped)).toEqual(['flow-type-unknown']);
    expect(codes(typed)).toContain('action-not-allowed');
    expect((JSON.parse(typed.out()) as { flows: JsonFlow[] }).flows[0]?.type).toBe('CUSTOMER_QUEUE');
    expect(code).toBe(1);
  });

  it('exits 2 for a --type that is not a flow type', async () => {
    const c = capture();
    expect(await main(['validate', 'examples/flows', '--type', 'IVR'], c.io)).toBe(2);
    expect(c.err()).toContain('CUSTOMER_QUEUE');
  });

  it.each(UNREADABLE)('exits 2, as for unreadable input, for a file that is %s', async (_, bytes, code) => {
    const dir = mkdtempSync(join(tmpdir(), 'flowgate-val-'));
    writeFileSync(join(dir, 'flow.json'), bytes);
    const c = capture(false, dir);

    const exit = await main(['validate', 'flow.json', '--json'], c.io);

    const report = JSON.parse(c.out()) as { flows: JsonFlow[] };
    expect([exit, report.flows[0]?.format, report.flows[0]?.diagnostics[0]?.code]).toEqual([2, null, code]);
  });

  it('exits 1, not 2, for a readable flow file with an error next to a good one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'flowgate-val-'));
    writeFileSync(
      join(dir, 'a.json'),
      JSON.stringify({ Version: '2019-10-30', StartAction: 'x', Actions: [] }),
    );
    writeFileSync(join(dir, 'b.json'), readFileSync(join(root, 'examples/flows/main-ivr.json')));

    expect(await main(['validate', '.'], capture(false, dir).io)).toBe(1);
  });

  it('exits 2 when a path does not exist', async () => {
    const c = capture();
    expect(await main(['validate', 'no/such/file.json'], c.io)).toBe(2);
    expect(c.err()).toContain('no/such/file.json');
  });

  it('exits 2 with the usage for an unknown command', async () => {
    const c = capture();
    expect(await main(['publish-everything'], c.io)).toBe(2);
    expect(c.err()).toContain('Usage:');
  });
});

describe('main convert', () => {
  it('prints the legacy example as Flow Language keeping every block id', async () => {
    const c = capture();
    const code = await main(['convert', 'examples/flows/billing.json'], c.io);
    const legacy = JSON.parse(readFileSync(join(root, 'examples/flows/billing.json'), 'utf8')) as {
      modules: { id: string }[];
    };
    const converted = JSON.parse(c.out()) as { Version: string; Actions: { Identifier: string }[] };
    expect(code).toBe(0);
    expect(converted.Version).toBe('2019-10-30');
    expect(converted.Actions.map((a) => a.Identifier).sort()).toEqual(legacy.modules.map((m) => m.id).sort());
  });

  it('exits 2 and prints nothing on stdout for a file that is truncated', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'flowgate-conv-'));
    writeFileSync(join(dir, 'flow.json'), '{ "Version": "2019-10-30", ');
    const c = capture(false, dir);

    expect([await main(['convert', 'flow.json'], c.io), c.out()]).toEqual([2, '']);
  });

  it('unwraps a DescribeContactFlow response', async () => {
    const c = capture();
    await main(['convert', 'examples/flows/sales-queue-music.json'], c.io);
    const converted = JSON.parse(c.out()) as { Actions: { Type: string }[] };
    expect(converted.Actions[0]?.Type).toBe('MessageParticipantIteratively');
  });
});

describe('main printing names from files', () => {
  /** A copy of an example flow whose name and file name hold terminal escape sequences. */
  function hostileFlow(): string {
    const dir = mkdtempSync(join(tmpdir(), 'flowgate-ctl-'));
    const flow = JSON.parse(readFileSync(join(root, 'examples/flows/main-ivr.json'), 'utf8'));
    flow.Metadata.name = 'IVR\u001b[2J\u001b]0;pwned\u0007\nSecond line\u009b31m';
    const file = join(dir, 'bill\u001b[31ming.json');
    writeFileSync(file, JSON.stringify(flow));
    return file;
  }

  it('prints control characters of names and file names as escapes, and says the name is refused', async () => {
    const c = capture();

    const code = await main(['validate', hostileFlow()], c.io);

    const out = c.out();
    // Line breaks are the report's own; every other control character must arrive escaped.
    expect([...out].filter((ch) => ch !== '\n' && /\p{Cc}/u.test(ch))).toEqual([]);
    expect(out).toContain('bill\\u001b[31ming.json');
    expect(out).toContain('IVR\\u001b[2J\\u001b]0;pwned\\u0007\\nSecond line\\u009b31m');
    expect(out).toContain('flow-name-control-character');
    expect(code).toBe(1);
  });

  it('keeps its own colours while escaping those a name brings', async () => {
    const c = capture(true);

    await main(['validate', hostileFlow()], c.io);

    expect(c.out()).toContain('\u001b[1m');
    expect(c.out()).not.toContain('\u001b[2J');
    expect(c.out()).not.toContain('\u001b[31ming');
  });

  it('writes --json that still parses to the same names', async () => {
    const c = capture();

    await main(['validate', hostileFlow(), '--json'], c.io);

    const report = JSON.parse(c.out()) as { flows: { name: string }[] };
    expect(report.flows[0]?.name).toBe('IVR\u001b[2J\u001b]0;pwned\u0007\nSecond line\u009b31m');
    expect([...c.out()].filter((ch) => ch !== '\n' && /\p{Cc}/u.test(ch))).toEqual([]);
  });
});
