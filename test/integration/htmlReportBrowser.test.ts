/**
 * The HTML report in a real browser: headless Chromium (Debian's `chromium`, driven by
 * playwright-core) opens the report `npm start` serves for a stored version and finds the diagram
 * and the problem blocks marked. CI installs Chromium (.ci/run); elsewhere, without it, the suite
 * says so and is skipped.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importFlows } from '../../core/service/importFlows.js';
import { type LocalServer, startLocalServer } from '../../handlers/local/localServer.js';
import { hostedOn, makeDeps, type ServiceKit } from '../fakes/serviceKit.js';
import { UNREACHABLE_SLACK } from './slackPayloads.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const available = existsSync(CHROMIUM);
if (!available && process.env.CI === 'true')
  throw new Error(`CI must have Chromium at ${CHROMIUM} (.ci/run installs it)`);

let kit: ServiceKit;
let server: LocalServer;
let browser: Browser;

beforeAll(async () => {
  if (!available) return;
  kit = makeDeps();
  server = await startLocalServer({
    ...hostedOn(kit.deps),
    slack: UNREACHABLE_SLACK,
    port: 0,
    log: () => {},
  });
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
});

afterAll(async () => {
  if (!available) return;
  await browser.close();
  await server.stop();
});

describe.runIf(available)('the HTML report in Chromium', () => {
  it('shows the diagram with the problem block outlined and the findings listed', async () => {
    const flow = JSON.parse(
      readFileSync(join(import.meta.dirname, '..', '..', 'examples', 'flows', 'main-ivr.json'), 'utf8'),
    ) as {
      Actions: { Identifier: string; Type: string; Transitions: { NextAction?: string } }[];
    };
    const broken = flow.Actions.find((a) => a.Type === 'UpdateContactTargetQueue');
    if (broken === undefined) throw new Error('no Set working queue block in the example');
    broken.Transitions.NextAction = 'nowhere';
    const imported = await importFlows(kit.deps, {
      env: 'prod',
      files: [{ name: 'main-ivr.json', bytes: new TextEncoder().encode(JSON.stringify(flow)) }],
      actor: { id: 'alice', groups: [] },
      channel: 'cli',
    });
    const version = imported.flows[0]?.version;
    if (version === null || version === undefined) throw new Error('not stored');
    const page = await browser.newPage();

    const response = await page.goto(server.reportUrl('prod', version.flowKey, version.number));

    expect(response?.status()).toBe(200);
    await expect(page.locator('[data-testid="diagram"] svg').isVisible()).resolves.toBe(true);
    const errorBlocks = page.locator(`[data-action="${broken.Identifier}"][data-status="error"]`);
    expect(await errorBlocks.count()).toBe(1);
    expect(await page.locator('[data-severity="error"]').count()).toBeGreaterThan(0);
    await page.close();
  });

  it('refuses a link that was tampered with', async () => {
    const page = await browser.newPage();
    // The signature's first character changed: still well-formed, no longer valid.
    const url = server
      .reportUrl('prod', 'flow:Main IVR', 1)
      .replace(/\.([\w-])([\w-]*)$/, (_m, c: string, rest: string) => `.${c === 'A' ? 'B' : 'A'}${rest}`);

    const response = await page.goto(url);

    expect(response?.status()).toBe(403);
    await page.close();
  });
});
