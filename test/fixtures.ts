import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

/** Absolute path of a fixture under test/fixtures/. */
export function fixturePath(name: string): string {
  return join(here, 'fixtures', name);
}

/** A fixture's text. */
export function loadFixtureText(name: string): string {
  return readFileSync(fixturePath(name), 'utf8');
}

/** A fixture parsed as JSON (a fresh copy each call, so a negative test may break it). */
export function loadFixture<T = unknown>(name: string): T {
  return JSON.parse(loadFixtureText(name)) as T;
}

/** The shared corpus folder when this checkout has `../shared` beside it, else null. */
export const corpusDir: string | null = (() => {
  const dir = join(here, '..', '..', 'shared', 'corpus', 'public');
  return existsSync(dir) ? dir : null;
})();

/** Every corpus file name (empty when the corpus is absent: the suite must pass without it). */
export function corpusFiles(): string[] {
  if (corpusDir === null) return [];
  return readdirSync(corpusDir)
    .filter((f) => f.endsWith('.json'))
    .sort();
}
