import { describe, expect, it } from 'vitest';
import type { AuditLog, Versions } from '../../core/ports.js';
import { type ImportFile, importFlows } from '../../core/service/importFlows.js';
import { inboundFlow } from '../core/service/publishKit.js';
import type { FixedClock } from '../fakes/fixedClock.js';
import { makeDeps, users } from '../fakes/serviceKit.js';
import { WriteFaults } from '../fakes/writeFaults.js';

/** The stores an import writes to, every write of them through `faults`. */
export type MakeCrashableStores = (
  faults: WriteFaults,
  clock: FixedClock,
) => Promise<{ readonly versions: Versions; readonly audit: AuditLog }>;

const ENV = 'test';

/** Two flows, as a webhook or a zip delivers a batch: a crash may fall between them too. */
const batch = (): ImportFile[] =>
  ['Main', 'Billing'].map((name) => ({
    name: `${name.toLowerCase()}.json`,
    bytes: new TextEncoder().encode(inboundFlow(name)),
  }));

/**
 * Registers the crash suite of the import path on one set of stores: the import is cut after
 * each of its writes in turn (a `kill -9` at that point), then the same import is sent again, and
 * every flow must end listed, with one version for its content and one import audit event.
 */
export function describeImportCrashes(name: string, make: MakeCrashableStores): void {
  const run = async (faults: WriteFaults) => {
    const kit = makeDeps();
    const stores = await make(faults, kit.clock);
    const deps = { ...kit.deps, ...stores };
    const importBatch = () =>
      importFlows(deps, { env: ENV, files: batch(), actor: users.alice, channel: 'webhook' });
    return { deps, stores, clock: kit.clock, importBatch };
  };

  describe(`${name}: an import cut short by a crash`, () => {
    it('writes the batch in a known number of writes when nothing fails', async () => {
      const faults = new WriteFaults();
      const { importBatch } = await run(faults);
      await importBatch();
      expect(faults.written).toBeGreaterThan(0);
    });

    it('leaves every flow listed, with one version and one import event, when the import is sent again after a crash at any write', async () => {
      const clean = new WriteFaults();
      await (await run(clean)).importBatch();
      const outcomes: string[] = [];
      for (let allowed = 0; allowed < clean.written; allowed++) {
        const faults = new WriteFaults();
        const { stores, clock, importBatch } = await run(faults);
        faults.allowed = allowed;
        // The adapters wrap what their client throws; the crash is named in the message.
        await expect(importBatch()).rejects.toThrow(/injected crash/);
        faults.allowed = null;
        // The sender retries a moment later (CI re-runs the job, the webhook is sent again).
        clock.advance(60_000);
        const again = await importBatch();

        const heads = await stores.versions.listHeads(ENV);
        const audit = (await stores.audit.listAudit(ENV)).filter((e) => e.action === 'import');
        for (const flow of again.flows) {
          const key = flow.flowKey ?? '';
          const versions = await stores.versions.listVersions(ENV, key);
          const events = audit.filter((e) => e.flowKey === key);
          outcomes.push(
            `after ${allowed} writes: ${key} listed=${heads.some((h) => h.flowKey === key && h.latest === 1)} versions=${versions.length} events=${events.length} answer=v${flow.version?.number}`,
          );
        }
      }
      const expected = Array.from({ length: clean.written }, (_, allowed) =>
        ['flow:Main', 'flow:Billing'].map(
          (key) => `after ${allowed} writes: ${key} listed=true versions=1 events=1 answer=v1`,
        ),
      ).flat();
      expect(outcomes).toEqual(expected);
    });
  });
}
