import { describe, expect, it } from 'vitest';
import { renderAudit, renderPromote } from '../../cli/renderStore.js';
import { promoteFlows } from '../../core/service/promoteFlows.js';
import type { AuditEvent } from '../../core/versions/types.js';
import { instanceData, sourceCenter, TARGET_INSTANCE } from '../core/service/liveFlows.js';
import { MemoryContactCenter } from '../fakes/memoryContactCenter.js';
import { makeDeps, users } from '../fakes/serviceKit.js';

const PROD_QUEUE = '99999999-8888-4777-8666-555544443333';

describe('renderAudit', () => {
  it('prints control characters a stored event holds as escapes', () => {
    // Stored before names were checked at import: what is already in a store is printed safely too.
    const event: AuditEvent = {
      id: 'e1',
      env: 'prod',
      at: '2026-01-02T03:04:05.000Z',
      actor: 'mallory\u001b[8m',
      action: 'import',
      flowKey: 'flow:Sales\u001b]0;owned\u0007',
      detail: { file: 'sales\r\n.json', version: 3 },
    };

    const out = renderAudit([event], true);

    expect(out).toBe(
      '2026-01-02T03:04:05.000Z  mallory\\u001b[8m import         flow:Sales\\u001b]0;owned\\u0007  \u001b[2mfile=sales\\r\\n.json version=3\u001b[22m\n',
    );
  });
});

describe('renderPromote', () => {
  it('tells you in names and local time who asked for a version first, with the command to decide it', async () => {
    const target = new MemoryContactCenter(instanceData(TARGET_INSTANCE, PROD_QUEUE, '444455556666'));
    const { deps } = makeDeps({ prodParent: false, centers: { test: sourceCenter(), prod: target } });
    const promote = { from: 'test', to: 'prod', all: false, actor: users.bob } as const;
    const first = await promoteFlows(deps, { ...promote, flows: ['Check balance'] });

    const result = await promoteFlows(deps, { ...promote, flows: [], all: true, actor: users.alice });
    const out = renderPromote(result, false, 'alice');

    const id = first.request?.lead.id ?? '';
    expect(out).toMatch(
      /Publishing Check balance v1 to prod was already requested by bob at \d{4}-\d\d-\d\d \d\d:\d\d; it waits until \d{4}-\d\d-\d\d \d\d:\d\d for a publisher to approve it/,
    );
    expect(out).toContain(`flowgate approve ${id} --as <publisher>`);
    expect(out).not.toMatch(/\d{4}-\d\d-\d\dT\d\d:|request id-|\(request /);
  });
});
