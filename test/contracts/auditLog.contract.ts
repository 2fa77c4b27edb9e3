import { describe, expect, it } from 'vitest';
import type { AuditLog } from '../../core/ports.js';
import type { AuditEvent } from '../../core/versions/types.js';
import { ENV, FLOW, freshPort, type MakePort } from './storeFixtures.js';

/** Registers the {@link AuditLog} contract suite for one implementation; `make` returns a fresh, empty one. */
export function describeAuditLogContract(name: string, make: MakePort<AuditLog>): void {
  const setup = async () => {
    const { clock, port } = await freshPort(make);
    return { clock, audit: port };
  };

  describe(`${name}: AuditLog contract`, () => {
    describe('appendAudit', () => {
      const event = (id: string, at: string, env = ENV): AuditEvent => ({
        id,
        env,
        at,
        actor: 'U0ALICE',
        action: 'import',
        flowKey: FLOW,
        detail: { version: 1, created: true, source: 'main-ivr.json', restores: null },
      });

      it('lists events newest first across months when no `since` is given', async () => {
        const { audit } = await setup();
        const events = [
          event('e1', '2026-09-30T23:59:59.000Z'),
          event('e3', '2026-11-21T10:00:00.000Z'),
          event('e2', '2026-10-01T00:00:00.000Z'),
          event('e4', '2026-11-21T10:00:00.000Z', 'prod'),
        ];
        for (const e of events) await audit.appendAudit(e);

        expect(await audit.listAudit(ENV)).toEqual([events[1], events[2], events[0]]);
      });

      it('lists only events at or after `since` when it is given', async () => {
        const { audit } = await setup();
        for (const e of [
          event('e1', '2026-10-31T12:00:00.000Z'),
          event('e2', '2026-11-01T00:00:00.000Z'),
          event('e3', '2026-11-02T00:00:00.000Z'),
        ])
          await audit.appendAudit(e);

        const listed = await audit.listAudit(ENV, '2026-11-01T00:00:00.000Z');

        expect(listed.map((e) => e.id)).toEqual(['e3', 'e2']);
      });

      it('keeps one event when the same event (environment, time and id) is appended again', async () => {
        const { audit } = await setup();
        const once = event('import-v1', '2026-11-21T10:00:00.000Z');

        await audit.appendAudit(once);
        await audit.appendAudit(once);

        expect(await audit.listAudit(ENV)).toEqual([once]);
      });
    });
  });
}
