/**
 * Issue 13's end-to-end check, through the `flowgate` command on the embedded local default: two
 * local instances, `test` and `prod`, each with its own queues, prompts and Lambda functions under
 * the same names. test is given flows and modules the usual way (imported, published); promote
 * takes what is live there to prod, a second person approves, and prod then holds them pointing
 * at its own resources only.
 */
import { cpSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { flowgate } from '../cli/captureIo.js';

const root = join(import.meta.dirname, '..', '..');
/** What identifies test's resources: its account (Lambda ARNs) and its instance (every Connect ARN). */
const TEST_ACCOUNT = '777788889999';
const TEST_INSTANCE = '3c9f1e2a-6b7d-4c8e-9f0a-1b2c3d4e5f60';
const PROD_INSTANCE = 'arn:aws:connect:us-west-2:444455556666:instance/5e2d7c1b-9a4f-4f3e-8b6d-2c1a0f9e8d77';

/** A working folder with the example flows, both seeds, and a config with test and prod on local instances. */
function workspace(): string {
  const dir = mkdtempSync(join(tmpdir(), 'flowgate-promote-'));
  cpSync(join(root, 'examples', 'flows'), join(dir, 'flows'), { recursive: true });
  cpSync(join(root, 'examples', 'instances'), join(dir, 'instances'), { recursive: true });
  writeFileSync(
    join(dir, 'flowgate.yml'),
    [
      'environments:',
      '  test:',
      '    local: { seed: instances/test.json }',
      '    approval: { required: false, allowSelfApproval: true }',
      '  prod:',
      '    local: { seed: instances/prod.json }',
      '    approval: { required: true, allowSelfApproval: false }',
      'roles:',
      '  editors: [alice]',
      '  publishers: [bob]',
      '',
    ].join('\n'),
  );
  return dir;
}

/** Replaces every `from` in a workspace file. */
function rewrite(file: string, from: string, to: string): void {
  writeFileSync(file, readFileSync(file, 'utf8').replaceAll(from, to));
}

/** Every flow and module file of a local instance, as text. */
function instanceFlows(dir: string, env: string): string[] {
  const folder = join(dir, '.flowgate', 'instances', env);
  return readdirSync(folder, { recursive: true })
    .map(String)
    .filter((f) => f.endsWith('.json') && !f.endsWith('instance.json'))
    .map((f) => readFileSync(join(folder, f), 'utf8'));
}

/** test gets the example flows and modules the usual way: imported, then published (no approval there). */
async function seedTest(dir: string): Promise<void> {
  expect((await flowgate(dir, 'import', 'flows', '--env', 'test', '--as', 'alice')).code).toBe(0);
  for (const flow of ['Authenticate caller', 'Sales queue music', 'Billing', 'Main IVR']) {
    const published = await flowgate(dir, 'publish', flow, '--env', 'test', '--as', 'alice');
    expect(published.err).toBe('');
    expect(published.code).toBe(0);
  }
}

describe('flowgate promote between two local instances', () => {
  it('promotes what is live in test to prod on one approval, every reference re-pointed, and writes nothing the second time', async () => {
    const dir = workspace();
    await seedTest(dir);

    const promoted = await flowgate(
      dir,
      'promote',
      '--all',
      '--from',
      'test',
      '--to',
      'prod',
      '--as',
      'alice',
      '--json',
    );
    expect(promoted.err).toContain('Resolved');
    expect(promoted.code).toBe(0);
    const result = JSON.parse(promoted.out) as {
      flows: { name: string; change: string }[];
      request: { id: string; members: unknown[] } | null;
    };
    // Every flow and module live in test: the imported ones, and the one test was created with.
    expect(result.flows.map((f) => [f.name, f.change])).toEqual([
      ['Authenticate caller', 'create'],
      ['Billing', 'create'],
      ['Default customer queue', 'unchanged'],
      ['Sales queue music', 'update'],
      ['Main IVR', 'create'],
    ]);
    expect(result.request?.members).toHaveLength(4);

    const self = await flowgate(dir, 'approve', result.request?.id ?? '', '--as', 'alice');
    expect(self.code).toBe(1);
    const approved = await flowgate(dir, 'approve', result.request?.id ?? '', '--as', 'bob');
    expect(approved.err).toBe('');
    expect(approved.code).toBe(0);

    const prodFlows = instanceFlows(dir, 'prod').filter(
      (f) => f.includes('"Main IVR"') || f.includes('Authenticate caller'),
    );
    expect(prodFlows.length).toBeGreaterThanOrEqual(2);
    for (const text of instanceFlows(dir, 'prod')) {
      expect(text).not.toContain(TEST_ACCOUNT);
      expect(text).not.toContain(TEST_INSTANCE);
    }
    expect(instanceFlows(dir, 'prod').join('\n')).toContain(PROD_INSTANCE);

    const versionsBefore = await flowgate(
      dir,
      'versions',
      'Main IVR',
      '--env',
      'prod',
      '--as',
      'alice',
      '--json',
    );
    const again = await flowgate(dir, 'promote', '--all', '--from', 'test', '--to', 'prod', '--as', 'alice');
    expect(again.code).toBe(0);
    expect(again.out).toContain('Nothing changes in prod: nothing was written.');
    const versionsAfter = await flowgate(
      dir,
      'versions',
      'Main IVR',
      '--env',
      'prod',
      '--as',
      'alice',
      '--json',
    );
    expect(versionsAfter.out).toBe(versionsBefore.out);
    const audit = await flowgate(dir, 'audit', '--env', 'prod', '--as', 'alice', '--json');
    const { events } = JSON.parse(audit.out) as { events: { action: string }[] };
    expect(events.filter((e) => e.action === 'request')).toHaveLength(4);
  }, 120_000);

  it("resolves test's dev-verify-pin to prod's prod-verify-pin through the pair's rename rule", async () => {
    const dir = workspace();
    // The convention the rule is for: test's functions are dev-*, prod's prod-*.
    rewrite(join(dir, 'instances', 'test.json'), 'function:verify-pin', 'function:dev-verify-pin');
    rewrite(join(dir, 'instances', 'test.json'), '"verify-pin"', '"dev-verify-pin"');
    rewrite(join(dir, 'instances', 'prod.json'), 'function:verify-pin', 'function:prod-verify-pin');
    rewrite(join(dir, 'instances', 'prod.json'), '"verify-pin"', '"prod-verify-pin"');
    rewrite(join(dir, 'flows', 'authenticate-caller.json'), 'verify-pin', 'dev-verify-pin');
    const config = join(dir, 'flowgate.yml');
    writeFileSync(
      config,
      `${readFileSync(config, 'utf8')}renames:\n  - from: test\n    to: prod\n    rules:\n      - { kind: lambda, from: 'dev-*', to: 'prod-*' }\n`,
    );
    expect((await flowgate(dir, 'import', 'flows', '--env', 'test', '--as', 'alice')).code).toBe(0);
    expect(
      (await flowgate(dir, 'publish', 'Authenticate caller', '--env', 'test', '--as', 'alice')).code,
    ).toBe(0);

    const promoted = await flowgate(
      dir,
      'promote',
      'Authenticate caller',
      '--from',
      'test',
      '--to',
      'prod',
      '--as',
      'alice',
      '--json',
    );
    expect(promoted.code).toBe(0);
    const result = JSON.parse(promoted.out) as { request: { id: string } | null };
    expect(result.request).not.toBeNull();
    const approved = await flowgate(dir, 'approve', result.request?.id ?? '', '--as', 'bob');
    expect(approved.code).toBe(0);

    const prod = instanceFlows(dir, 'prod').join('\n');
    expect(prod).toContain('function:prod-verify-pin');
    expect(prod).not.toContain('dev-verify-pin');
  }, 120_000);
});
