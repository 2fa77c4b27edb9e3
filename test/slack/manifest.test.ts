import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { z } from 'zod';

const ROOT = join(import.meta.dirname, '..', '..');
const EVENTS_DIR = join(ROOT, 'handlers', 'slack', 'listeners', 'events');

const manifestSchema = z.object({
  features: z.object({ app_home: z.object({ home_tab_enabled: z.boolean() }).optional() }),
  settings: z.object({ event_subscriptions: z.object({ bot_events: z.array(z.string()) }) }),
});

function manifest() {
  return manifestSchema.parse(parse(readFileSync(join(ROOT, 'slack', 'manifest.yml'), 'utf8')));
}

/** The events the Slack listeners register (`app.event('<name>'`), read from their sources. */
function listenedEvents(): string[] {
  return readdirSync(EVENTS_DIR)
    .flatMap((file) => [...readFileSync(join(EVENTS_DIR, file), 'utf8').matchAll(/app\.event\('([a-z_]+)'/g)])
    .map((match) => match[1] ?? '')
    .sort();
}

describe('slack/manifest.yml', () => {
  it('subscribes the bot to every event a listener handles, so Slack delivers them', () => {
    expect([...manifest().settings.event_subscriptions.bot_events].sort()).toEqual(listenedEvents());
  });

  it('enables the Home tab, which app_home_opened publishes to', () => {
    expect(manifest().features.app_home?.home_tab_enabled).toBe(true);
  });
});
