import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { keptReportSecret } from '../../cli/commands/start.js';
import { startLocalServer } from '../../handlers/local/localServer.js';
import { hostedOn, makeDeps } from '../fakes/serviceKit.js';
import { UNREACHABLE_SLACK } from '../integration/slackPayloads.js';

describe('keptReportSecret', () => {
  it('keeps one secret across restarts, readable by its owner only', () => {
    const dir = mkdtempSync(join(tmpdir(), 'flowgate-start-'));

    const first = keptReportSecret(dir);
    const second = keptReportSecret(dir);

    expect(first).toMatch(/^[0-9a-f]{64}$/);
    expect(second).toBe(first);
    expect(statSync(join(dir, 'report-secret')).mode & 0o777).toBe(0o600);
  });

  it('replaces a kept secret too short to sign with', () => {
    const dir = mkdtempSync(join(tmpdir(), 'flowgate-start-'));
    writeFileSync(join(dir, 'report-secret'), 'short\n');

    const secret = keptReportSecret(dir);

    expect(secret).toHaveLength(64);
    expect(readFileSync(join(dir, 'report-secret'), 'utf8').trim()).toBe(secret);
  });
});

describe('the local server’s report links', () => {
  it('point at the public URL when one is given (a tunnel for people on other machines)', async () => {
    const server = await startLocalServer({
      ...hostedOn(makeDeps().deps),
      slack: UNREACHABLE_SLACK,
      port: 0,
      log: () => {},
      publicUrl: 'https://flowgate-dev.example.net',
    });
    try {
      expect(server.reportUrl('prod', 'flow:Main', 1)).toMatch(
        /^https:\/\/flowgate-dev\.example\.net\/reports\//,
      );
    } finally {
      await server.stop();
    }
  });
});
