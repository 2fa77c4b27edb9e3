import type { FlowAction, FlowContent } from '../../../../core/flow.js';
import { convertLegacy, type LegacyConversion } from '../../../../core/formats/legacy/convertLegacy.js';
import { isJsonObject, type JsonObject } from '../../../../core/json.js';
import { loadFixture } from '../../../fixtures.js';

/** A legacy fixture as the tests edit it (plain mutable JSON). */
export interface LegacyFixture {
  modules: FixtureModule[];
  start: string;
  type?: string | null;
  metadata?: Record<string, unknown> | null;
  [key: string]: unknown;
}

/** One module of a {@link LegacyFixture}. */
export interface FixtureModule {
  id: string;
  type: string;
  target?: string;
  branches: Record<string, unknown>[];
  parameters: Record<string, unknown>[];
  metadata: Record<string, unknown> | null;
  [key: string]: unknown;
}

/** A fresh copy of `test/fixtures/legacy/<name>.json`. */
export function legacyFixture(name: string): LegacyFixture {
  return loadFixture<LegacyFixture>(`legacy/${name}.json`);
}

/** Converts a fixture document (as edited by a test). */
export function convert(doc: LegacyFixture, file = 'flow.json'): LegacyConversion {
  return convertLegacy(doc as unknown as JsonObject, file);
}

/** Converts and returns the content, failing the test with the diagnostics when it did not convert. */
export function convertOk(doc: LegacyFixture): Extract<LegacyConversion, { ok: true }> {
  const result = convert(doc);
  if (!result.ok) throw new Error(`conversion failed: ${JSON.stringify(result.diagnostics, null, 2)}`);
  return result;
}

/** The module with `id` in a fixture (to break it in a negative test). */
export function moduleOf(doc: LegacyFixture, id: string): FixtureModule {
  const found = doc.modules.find((m) => m.id === id);
  if (found === undefined) throw new Error(`fixture has no module ${id}`);
  return found;
}

/** The action with `id` in converted content. */
export function actionOf(content: FlowContent, id: string): FlowAction {
  const found = content.Actions.find((a) => a.Identifier === id);
  if (found === undefined) throw new Error(`no action ${id}`);
  return found;
}

/** `Metadata.ActionMetadata[id]` of converted content. */
export function actionMetadataOf(content: FlowContent, id: string): JsonObject {
  const all = content.Metadata?.ActionMetadata;
  const entry = isJsonObject(all) ? all[id] : undefined;
  if (!isJsonObject(entry)) throw new Error(`no ActionMetadata for ${id}`);
  return entry;
}

/** Every transition target that is not an action of the content (empty for a sound document). */
export function danglingTargets(content: FlowContent): string[] {
  const ids = new Set(content.Actions.map((a) => a.Identifier));
  const targets = content.Actions.flatMap((a) => {
    const t = a.Transitions ?? {};
    return [
      ...(t.NextAction === undefined ? [] : [t.NextAction]),
      ...(t.Errors ?? []).map((e) => e.NextAction),
      ...(t.Conditions ?? []).map((c) => c.NextAction),
    ];
  });
  return targets.filter((target) => !ids.has(target));
}

/** A one-module flow around `module` (a Disconnect it may branch to is added). */
export function singleModuleFlow(module: FixtureModule): LegacyFixture {
  const end: FixtureModule = { id: 'end', type: 'Disconnect', branches: [], parameters: [], metadata: null };
  return { modules: [module, end], start: module.id, type: 'contactFlow', metadata: null };
}
