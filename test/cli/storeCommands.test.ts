/**
 * The whole cycle through the CLI on the embedded local default: a temporary working folder gets
 * its own `.flowgate/` (dynalite and s3rver on loopback, local instances seeded from examples/).
 */
import { cpSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { startLocalStack } from '../../adapters/local/localStack.js';
import { S3FileStore } from '../../adapters/s3/S3FileStore.js';
import { dynamoStores } from '../../app/compose/stores.js';
import { flowgate } from './captureIo.js';

const root = join(import.meta.dirname, '..', '..');

function workspace(): string {
  const dir = mkdtempSync(join(tmpdir(), 'flowgate-cli-'));
  cpSync(join(root, 'examples', 'flows'), join(dir, 'flows'), { recursive: true });
  return dir;
}

describe('flowgate store commands on the local default', () => {
  it('imports, asks, refuses self-approval, approves, publishes and rolls back', async () => {
    const dir = workspace();
    const imported = await flowgate(dir, 'import', 'flows', '--env', 'prod', '--as', 'alice', '--json');
    expect(imported.code).toBe(0);
    const flows = (
      JSON.parse(imported.out) as { flows: { flow: string; version: number; created: boolean }[] }
    ).flows;
    expect(flows.map((f) => [f.flow, f.version, f.created])).toEqual([
      ['module:Authenticate caller', 1, true],
      ['flow:Billing', 1, true],
      ['flow:Main IVR', 1, true],
      ['flow:Sales queue music', 1, true],
    ]);

    const again = await flowgate(dir, 'import', 'flows', '--env', 'prod', '--as', 'alice', '--json');
    expect((JSON.parse(again.out) as { flows: { created: boolean }[] }).flows.every((f) => !f.created)).toBe(
      true,
    );

    const asked = await flowgate(dir, 'publish', 'Billing', '--env', 'prod', '--as', 'alice', '--json');
    const request = (JSON.parse(asked.out) as { request: { id: string; state: string } }).request;
    expect(request.state).toBe('pending');
    const repeated = await flowgate(dir, 'publish', 'Billing', '--env', 'prod', '--as', 'alice');
    expect(repeated.code).toBe(0);
    expect(repeated.out).toMatch(
      /^Nothing new was requested\. You already asked to publish Billing v1 to prod at \d{4}-\d\d-\d\d \d\d:\d\d;/,
    );
    expect(repeated.out).toContain(`flowgate approve ${request.id} --as <publisher>`);

    const self = await flowgate(dir, 'approve', request.id, '--as', 'alice');
    expect(self.code).toBe(1);
    expect(self.err).toContain(
      `You requested this publish of Billing v1 to prod; another publisher (reviewer) must approve it: flowgate approve ${request.id} --as <publisher>`,
    );

    const approved = await flowgate(dir, 'approve', request.id, '--as', 'reviewer');
    expect(approved.code).toBe(0);
    expect(approved.out).toContain('Published 1 flow to prod');
    const twice = await flowgate(dir, 'approve', request.id, '--as', 'reviewer');
    expect(twice.code).toBe(1);
    expect(twice.err).toMatch(
      /^flowgate: You approved this publish of Billing v1 to prod at \d{4}-\d\d-\d\d \d\d:\d\d; it is live\./,
    );

    const instance = join(dir, '.flowgate', 'instances', 'prod', 'flows');
    const published = readdirSync(instance).map((f) => readFileSync(join(instance, f), 'utf8'));
    expect(published.some((text) => text.includes('Billing'))).toBe(true);

    const rolled = await flowgate(dir, 'rollback', 'Billing', '--env', 'prod', '--to', '1', '--as', 'alice');
    expect(rolled.code).toBe(0);
    expect(rolled.out).toContain('waiting for approval');

    const versions = await flowgate(dir, 'versions', 'Billing', '--env', 'prod', '--as', 'alice', '--json');
    const list = JSON.parse(versions.out) as { head: { published: number }; versions: { number: number }[] };
    expect(list.head.published).toBe(1);

    const audit = await flowgate(dir, 'audit', '--env', 'prod', '--as', 'alice', '--json');
    const actions = (JSON.parse(audit.out) as { events: { action: string }[] }).events.map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['import', 'request', 'approve', 'publish', 'rollback']));
  });

  it('names the flows an approval waits for, with the command that moves each on', async () => {
    const dir = workspace();
    await flowgate(dir, 'import', 'flows', '--env', 'prod', '--as', 'alice');
    const asked = await flowgate(dir, 'publish', 'Main IVR', '--env', 'prod', '--as', 'alice', '--json');
    const request = (JSON.parse(asked.out) as { request: { id: string } }).request;

    const approved = await flowgate(dir, 'approve', request.id, '--as', 'reviewer');

    expect(approved.code).toBe(0);
    expect(approved.out).toContain(
      'module Authenticate caller: not requested yet; request it: flowgate publish "Authenticate caller" --env prod',
    );
    expect(approved.out).not.toMatch(/flow:|module:/);
  });

  it('exports the latest version under the flow name with a time stamp', async () => {
    const dir = workspace();
    await flowgate(dir, 'import', 'flows/main-ivr.json', '--env', 'test', '--as', 'alice');
    const exported = await flowgate(
      dir,
      'export',
      'Main IVR',
      '--env',
      'test',
      '--out',
      'out',
      '--as',
      'alice',
      '--json',
    );
    const file = (JSON.parse(exported.out) as { file: string }).file;
    expect(exported.code).toBe(0);
    expect(file).toMatch(/Main IVR_\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}Z\.json$/);
    expect((JSON.parse(readFileSync(file, 'utf8')) as { Version: string }).Version).toBe('2019-10-30');
  });

  it("writes a version's HTML report, and says which versions exist when asked for another", async () => {
    const dir = workspace();
    await flowgate(dir, 'import', 'flows/main-ivr.json', '--env', 'test', '--as', 'alice');

    const written = await flowgate(
      dir,
      'report',
      'Main IVR',
      '--env',
      'test',
      '--out',
      'out',
      '--as',
      'alice',
    );
    const missing = await flowgate(
      dir,
      'report',
      'Main IVR',
      '--env',
      'test',
      '--version',
      '7',
      '--as',
      'alice',
    );

    expect(written.code).toBe(0);
    expect(readdirSync(join(dir, 'out'))).toEqual(['Main_IVR_v1.html']);
    expect(readFileSync(join(dir, 'out', 'Main_IVR_v1.html'), 'utf8')).toContain('<h1>Main IVR</h1>');
    expect(missing.code).toBe(1);
    expect(missing.err).toContain('has no version 7; it has version 1');
  });

  it('uses the local stack another process runs on the folder (npm start in another terminal)', async () => {
    const dir = workspace();
    const stack = await startLocalStack({ dataDir: join(dir, '.flowgate') });
    try {
      const imported = await flowgate(dir, 'import', 'flows/billing.json', '--env', 'test', '--as', 'alice');
      const { versions } = dynamoStores({
        client: stack.dynamoClient,
        tableName: stack.tableName,
        files: new S3FileStore({ client: stack.s3Client, bucket: stack.bucket }),
        clock: { now: () => new Date() },
      });

      expect(imported.code).toBe(0);
      expect((await versions.listVersions('test', 'flow:Billing')).map((v) => v.number)).toEqual([1]);
    } finally {
      await stack.stop();
    }
  });

  it('imports a zip by its content, whatever its name says', async () => {
    const dir = workspace();
    const billing = readFileSync(join(dir, 'flows', 'billing.json'));
    writeFileSync(join(dir, 'export.json'), zipSync({ 'billing.json': billing }));

    const result = await flowgate(dir, 'import', 'export.json', '--env', 'prod', '--as', 'alice', '--json');

    const { flows } = JSON.parse(result.out) as { flows: { file: string; flow: string }[] };
    expect(flows).toEqual([
      expect.objectContaining({ file: 'export.json/billing.json', flow: 'flow:Billing' }),
    ]);
  });

  it.each([
    ['empty', () => new Uint8Array(0), 'invalid-json'],
    ['truncated', () => Buffer.from('{ "Version": "2019-10-30", '), 'invalid-json'],
    ['not UTF-8', () => Uint8Array.from([0x7b, 0x22, 0xff, 0x22, 0x7d]), 'invalid-encoding'],
    ['over 5 MB', () => Buffer.from(`{"pad":"${'x'.repeat(5 * 1024 * 1024)}"}`), 'file-too-large'],
  ])('import exits 2 and stores nothing for a flow file that is %s', async (_, bytes, code) => {
    const dir = workspace();
    writeFileSync(join(dir, 'flow.json'), bytes());

    const result = await flowgate(dir, 'import', 'flow.json', '--env', 'prod', '--as', 'alice', '--json');

    const { flows } = JSON.parse(result.out) as {
      flows: { version: number | null; diagnostics: { code: string }[] }[];
    };
    expect(result.code).toBe(2);
    expect(flows.map((f) => [f.version, f.diagnostics[0]?.code])).toEqual([[null, code]]);
  });

  it.each([
    ['not a zip at all', () => Buffer.from('this is not a zip archive'), 'not valid JSON'],
    [
      'a zip cut short',
      () => zipSync({ 'billing.json': Buffer.from('{}') }).subarray(0, 30),
      'not a readable zip',
    ],
    [
      'a zip whose entry does not match its CRC-32',
      () => {
        const archive = zipSync({ 'billing.json': [Buffer.from('{"Version":"2019-10-30"}'), { level: 0 }] });
        archive[Buffer.from(archive).indexOf('2019')] = '3'.charCodeAt(0);
        return archive;
      },
      "entry 'billing.json' is damaged",
    ],
  ])('import exits 2 naming the archive when flows.zip is %s', async (_, bytes, shown) => {
    const dir = workspace();
    writeFileSync(join(dir, 'flows.zip'), bytes());

    const result = await flowgate(dir, 'import', 'flows.zip', '--env', 'prod', '--as', 'alice');

    expect(result.code).toBe(2);
    expect(`${result.out}${result.err}`).toContain('flows.zip');
    expect(`${result.out}${result.err}`).toContain(shown);
  });

  it('exits 2 without --env, before starting anything', async () => {
    const dir = workspace();
    const result = await flowgate(dir, 'versions', 'Billing');
    expect(result.code).toBe(2);
    expect(result.err).toContain('--env');
  });

  it('exits 1 naming the known environments for an unknown one', async () => {
    const dir = workspace();
    const result = await flowgate(dir, 'versions', 'Billing', '--env', 'staging', '--as', 'alice');
    expect(result.code).toBe(1);
    expect(result.err).toContain('prod');
  });
});
