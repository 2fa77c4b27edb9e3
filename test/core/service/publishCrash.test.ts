/**
 * Fault injection for publishing: the process is killed before and after every store and
 * contact-center write of a batch publish, then the approver does what the messages advise
 * (approve again once the lease has expired). Every flow must end written exactly as often as an
 * uninterrupted publish writes it, every request published, heads and audit complete, and
 * nothing half-done left behind.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LocalContactCenter } from '../../../adapters/local/LocalContactCenter.js';
import type { ServiceDeps } from '../../../core/deps.js';
import { ContactCenterError } from '../../../core/errors.js';
import { approveRequest } from '../../../core/service/approveRequest.js';
import { PUBLISH_LEASE_MS } from '../../../core/service/publishApproved.js';
import { requestPublish } from '../../../core/service/requestPublish.js';
import { type CrashPoint, crashingDeps } from '../../fakes/crashingPorts.js';
import type { MemoryContactCenter } from '../../fakes/memoryContactCenter.js';
import type { ServiceKit } from '../../fakes/serviceKit.js';
import { users } from '../../fakes/serviceKit.js';
import { existingFlow, importTexts, inboundFlow, moduleFile, PROD_INSTANCE, prodKit } from './publishKit.js';

const FLOWS = ['module:Greeting', 'flow:Billing', 'flow:Main'] as const;

/** What Main held before flowgate: made outside it, so its update snapshots it. */
const MAIN_BEFORE = existingFlow('Main', inboundFlow('Main', { say: 'The old welcome.' }));

/**
 * prod holding Main (made outside flowgate), and a batch that needs every kind of write: a new
 * module, a new flow that invokes it and transfers to Main, and Main updated to transfer to the
 * new flow (a cycle: the new flow is created with placeholder content first). Main and Billing
 * are approved already; approving Greeting, the last, publishes the three together.
 */
async function batchAwaitingLastApproval(): Promise<{ kit: ServiceKit; last: string; ids: string[] }> {
  const kit = prodKit([MAIN_BEFORE]);
  await importTexts(kit, 'prod', {
    greeting: moduleFile('Greeting'),
    billing: inboundFlow('Billing', { module: 'Greeting', transferTo: 'Main' }),
    main: inboundFlow('Main', { transferTo: 'Billing' }),
  });
  const ids: string[] = [];
  for (const flow of FLOWS) {
    ids.push((await requestPublish(kit.deps, { env: 'prod', flow, actor: users.alice })).id);
  }
  const [greeting, billing, main] = ids;
  if (greeting === undefined || billing === undefined || main === undefined) throw new Error('no requests');
  for (const id of [main, billing]) {
    const waiting = await approveRequest(kit.deps, { id, actor: users.bob });
    if (waiting.outcome !== null) throw new Error('the batch was published before its last approval');
  }
  return { kit, last: greeting, ids };
}

/** Contact-center writes as `method name-or-id`, in order. */
function writeLog(center: MemoryContactCenter): string[] {
  return center.calls
    .filter((c) => c.method === 'createFlow' || c.method === 'updateFlow')
    .map((c) => `${c.method} ${c.arg}`);
}

/** What the contact center holds per flow name: what a user sees in Connect. */
async function contents(center: MemoryContactCenter): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const r of (await center.flowInventory()).resources) {
    const flow = await center.describeFlow(r.kind === 'module' ? 'module' : 'flow', r.id);
    if (flow !== null) out[`${flow.kind}:${flow.name}`] = flow.content;
  }
  return out;
}

/** Runs the last approval on deps that may be killed; the error it died with is swallowed. */
async function approveLast(deps: ServiceDeps, id: string): Promise<void> {
  await approveRequest(deps, { id, actor: users.bob }).catch(() => undefined);
}

/** The uninterrupted publish: its writes (the crash points) and what it leaves. */
const clean = await (async () => {
  const { kit, last } = await batchAwaitingLastApproval();
  const run = crashingDeps(kit.deps, null);
  await approveLast(run.deps, last);
  return { steps: run.steps, writes: writeLog(kit.center), contents: await contents(kit.center) };
})();

const points: (CrashPoint & { label: string })[] = clean.steps.flatMap((step, i) =>
  (['before', 'after'] as const).map((phase) => ({ step: i, phase, label: `${phase} ${step}` })),
);

describe('approveRequest after a publish killed part-way', () => {
  it('finds the uninterrupted batch writing every flow (the crash points cover creates, updates and records)', () => {
    expect(clean.writes.map((w) => w.split(' ')[0])).toEqual([
      'createFlow',
      'createFlow',
      'updateFlow',
      'updateFlow',
    ]);
    expect(Object.keys(clean.contents).sort()).toEqual(['flow:Billing', 'flow:Main', 'module:Greeting']);
  });

  it.each(points)(
    'ends as the uninterrupted publish when killed $label and approved again',
    async (point) => {
      const { kit, last, ids } = await batchAwaitingLastApproval();
      const crashed = crashingDeps(kit.deps, point);
      await approveLast(crashed.deps, last);
      expect(crashed.killed()).toBe(true);

      // The approver approves again once the dead run's lease has expired, as the messages advise.
      kit.clock.advance(PUBLISH_LEASE_MS + 1);
      const again = await approveRequest(kit.deps, { id: last, actor: users.bob }).then(
        (result) => result.outcome?.summary.split('\n')[0],
        (error: unknown) => (error instanceof Error ? error.message : String(error)),
      );

      // What is left is published, or (the run died after its last record) it says, truly, that all was.
      expect(again).toMatch(/^Published [1-3] flows? to prod\.$|has been published\.$/);
      // Each flow written to the contact center exactly as often as without the crash.
      expect(writeLog(kit.center)).toEqual(clean.writes);
      expect(await contents(kit.center)).toEqual(clean.contents);
      const requests = await Promise.all(ids.map((id) => kit.requests.getRequest(id)));
      expect(requests.map((r) => r?.state)).toEqual(['published', 'published', 'published']);
      for (const flowKey of FLOWS) {
        const head = await kit.versions.getHead('prod', flowKey);
        const version = requests.find((r) => r?.flowKey === flowKey)?.version;
        const live = (await kit.center.flowInventory()).resources.find(
          (r) => `${r.kind}:${r.name}` === flowKey,
        );
        expect(head).toMatchObject({ published: version, target: { arn: live?.arn, id: live?.id } });
      }
      // The audit tells the whole story once: one approval and one publish per request, no failure.
      const audit = await kit.audit.listAudit('prod');
      for (const id of ids) {
        const ofRequest = audit.filter((e) => e.detail.request === id).map((e) => e.action);
        expect(ofRequest.sort()).toEqual(['approve', 'publish', 'request']);
      }
      const published = audit.filter((e) => e.action === 'publish');
      expect(published.map((e) => [e.flowKey, e.detail.action]).sort()).toEqual([
        ['flow:Billing', 'created'],
        ['flow:Main', 'updated'],
        ['module:Greeting', 'created'],
      ]);
      // What Main held before is kept once, as the version to roll back to; nothing else is a snapshot.
      const snapshots = (await kit.versions.listVersions('prod', 'flow:Main')).filter(
        (v) => v.source.channel === 'snapshot',
      );
      expect(snapshots).toHaveLength(1);
      expect(published.find((e) => e.flowKey === 'flow:Main')?.detail.previous).toBe(snapshots[0]?.number);
      for (const flowKey of FLOWS.slice(0, 2)) {
        const versions = await kit.versions.listVersions('prod', flowKey);
        expect(versions.filter((v) => v.source.channel === 'snapshot')).toEqual([]);
      }
      // Nothing held: the next publish of these flows is not refused as "being published".
      for (const id of ids) expect(await kit.claims.hasClaim(`publish:${id}`)).toBe(false);
    },
  );
});

describe('approveRequest after a write the contact center refused', () => {
  /** Greeting (new module) and Main (invokes it), approved; the module's write is refused. */
  async function moduleRefused() {
    const kit = prodKit();
    await importTexts(kit, 'prod', {
      greeting: moduleFile('Greeting'),
      main: inboundFlow('Main', { module: 'Greeting' }),
    });
    const greeting = await requestPublish(kit.deps, {
      env: 'prod',
      flow: 'module:Greeting',
      actor: users.alice,
    });
    const main = await requestPublish(kit.deps, { env: 'prod', flow: 'flow:Main', actor: users.alice });
    await approveRequest(kit.deps, { id: main.id, actor: users.bob });
    kit.center.failNextWrite = new ContactCenterError('throttled', 'TooManyRequestsException: Rate exceeded');
    const first = await approveRequest(kit.deps, { id: greeting.id, actor: users.bob });
    return { kit, greeting, main, first };
  }

  it('says the flows left unwritten wait for the failed one to be requested again, not for an approval that cannot come', async () => {
    const { main, first } = await moduleRefused();

    const mainLine = first.outcome?.summary.split('\n').find((l) => l.startsWith('- Main'));
    expect(mainLine).toContain(`its request ${main.id} stays approved`);
    expect(mainLine).toContain('request publishing module Greeting again');
    expect(mainLine).not.toContain('approves it again');
  });

  it('publishes everything exactly once when people do what the messages say', async () => {
    const { kit, greeting, main } = await moduleRefused();

    // Approving Main again, as an approver would try: it names what it waits for, truly.
    const waiting = await approveRequest(kit.deps, { id: main.id, actor: users.bob });
    expect(waiting.outcome).toBeNull();
    expect(waiting.waitingFor).toEqual([
      `module:Greeting (its request ${greeting.id} failed: request publishing it again)`,
    ]);
    // Greeting is requested again and approved: Main, still approved, is published with it.
    const again = await requestPublish(kit.deps, {
      env: 'prod',
      flow: 'module:Greeting',
      actor: users.alice,
    });
    const done = await approveRequest(kit.deps, { id: again.id, actor: users.carol });

    expect(done.outcome?.ok).toBe(true);
    expect(done.outcome?.flows.map((f) => [f.flowKey, f.state])).toEqual([
      ['module:Greeting', 'published'],
      ['flow:Main', 'published'],
    ]);
    expect((await kit.requests.getRequest(main.id))?.state).toBe('published');
    // The refused attempt, then each flow written once.
    expect(writeLog(kit.center)).toEqual(['createFlow Greeting', 'createFlow Greeting', 'createFlow Main']);
  });
});

describe('approveRequest after a store failed while recording a written flow', () => {
  it('says the batch stopped (not that it was published), and approving again finishes it with no second write', async () => {
    const { kit, last, ids } = await batchAwaitingLastApproval();
    const markPublished = kit.versions.markPublished.bind(kit.versions);
    let failures = 1;
    kit.versions.markPublished = async (...args) => {
      if (failures-- > 0)
        throw new Error('DynamoDB update on flowgate failed: ProvisionedThroughputExceededException');
      return markPublished(...args);
    };

    const first = await approveRequest(kit.deps, { id: last, actor: users.bob });
    const again = await approveRequest(kit.deps, { id: last, actor: users.bob });

    expect(first.outcome?.ok).toBe(false);
    expect(first.outcome?.summary.split('\n')[0]).toBe(
      'Publishing to prod stopped after Greeting v1 was written: recording it failed (DynamoDB update on flowgate failed: ProvisionedThroughputExceededException). Its approver approves it again to finish.',
    );
    expect(again.outcome?.ok).toBe(true);
    expect(writeLog(kit.center)).toEqual(clean.writes);
    const states = await Promise.all(ids.map(async (id) => (await kit.requests.getRequest(id))?.state));
    expect(states).toEqual(['published', 'published', 'published']);
  });
});

/**
 * What people do with what they are told, until nothing is left to do: an approved request's
 * approver approves it again, a pending one is approved, a failed one is requested again and
 * approved by another publisher.
 */
async function followAdvice(kit: ServiceKit): Promise<void> {
  for (let round = 0; round < 5; round++) {
    kit.clock.advance(PUBLISH_LEASE_MS + 1);
    const open = await kit.requests.listRequests('prod');
    const latest = FLOWS.map((flow) => open.find((r) => r.flowKey === flow));
    if (latest.every((r) => r?.state === 'published')) return;
    const stuck = latest.find((r) => r !== undefined && r.state !== 'published');
    if (stuck === undefined) return;
    if (stuck.state === 'approved') {
      await approveRequest(kit.deps, { id: stuck.id, actor: users.bob });
    } else if (stuck.state === 'pending') {
      // Still pending (its approval never landed): asking again would only point at it.
      await approveRequest(kit.deps, { id: stuck.id, actor: users.carol });
    } else {
      const again = await requestPublish(kit.deps, { env: 'prod', flow: stuck.flowKey, actor: users.alice });
      await approveRequest(kit.deps, { id: again.id, actor: users.carol });
    }
  }
}

describe('approveRequest after one call of a publish failed', () => {
  it.each(points)('ends as the uninterrupted publish when the call $label fails once', async (point) => {
    const { kit, last } = await batchAwaitingLastApproval();
    const failing = crashingDeps(kit.deps, { ...point, mode: 'once' });
    await approveLast(failing.deps, last);

    await followAdvice(kit);

    expect(await contents(kit.center)).toEqual(clean.contents);
    // Each flow written as often as without the failure: a write that failed after it took effect is not repeated.
    expect(writeLog(kit.center).sort()).toEqual([...clean.writes].sort());
    const requests = await kit.requests.listRequests('prod');
    for (const flowKey of FLOWS) {
      const latest = requests.find((r) => r.flowKey === flowKey);
      expect(latest?.state).toBe('published');
      const head = await kit.versions.getHead('prod', flowKey);
      expect(head?.published).toBe(latest?.version);
    }
    expect(requests.filter((r) => r.state === 'approved')).toEqual([]);
    const audit = await kit.audit.listAudit('prod');
    for (const flowKey of FLOWS) {
      expect(audit.filter((e) => e.action === 'publish' && e.flowKey === flowKey).length).toBeGreaterThan(0);
    }
  });
});

describe('approveRequest on the local instance after a publish killed right after its write', () => {
  /** prod on a local instance in a fresh folder, with Main requested by alice (prod needs approval). */
  async function localKit(dir: string) {
    const local = new LocalContactCenter({ dir, seed: null, instanceArn: PROD_INSTANCE });
    const kit = prodKit();
    const deps: ServiceDeps = { ...kit.deps, centers: () => local };
    await importTexts({ ...kit, deps }, 'prod', { main: inboundFlow('Main') });
    const request = await requestPublish(deps, { env: 'prod', flow: 'flow:Main', actor: users.alice });
    return { kit, deps, local, request };
  }

  it('finishes it with the one flow written once and no temporary file left', async () => {
    const dirs = [
      mkdtempSync(join(tmpdir(), 'flowgate-crash-')),
      mkdtempSync(join(tmpdir(), 'flowgate-crash-')),
    ];
    try {
      const dry = await localKit(dirs[0] ?? '');
      const steps = crashingDeps(dry.deps, null);
      await approveLast(steps.deps, dry.request.id);
      const create = steps.steps.findIndex((step) => step.startsWith('center.createFlow'));
      const { kit, deps, local, request } = await localKit(dirs[1] ?? '');

      await approveLast(crashingDeps(deps, { step: create, phase: 'after' }).deps, request.id);
      kit.clock.advance(PUBLISH_LEASE_MS + 1);
      const again = await approveRequest(deps, { id: request.id, actor: users.bob });

      expect(again.outcome?.flows.map((f) => [f.action, f.writes])).toEqual([['created', 0]]);
      expect(again.request.state).toBe('published');
      const files = readdirSync(join(dirs[1] ?? '', 'flows'));
      expect(files).toHaveLength(1);
      expect(files.filter((f) => f.endsWith('.tmp'))).toEqual([]);
      const flows = (await local.flowInventory()).resources.filter((r) => r.name === 'Main');
      expect(flows).toHaveLength(1);
      expect(await kit.versions.getHead('prod', 'flow:Main')).toMatchObject({
        published: 1,
        target: { arn: flows[0]?.arn },
      });
    } finally {
      for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
    }
  });
});
