import { describe, expect, it } from 'vitest';
import { ConnectContactCenter } from '../../../adapters/connect/ConnectContactCenter.js';
import { UNLIMITED } from '../../../adapters/connect/rateLimiter.js';
import type { ContactCenter } from '../../../core/ports.js';
import type { CatalogResource } from '../../../core/resolve/types.js';
import { publishApproved } from '../../../core/service/publishApproved.js';
import { requestPublish } from '../../../core/service/requestPublish.js';
import { FakeConnectApi } from '../../contracts/fakeConnectApi.js';
import { MemoryContactCenter } from '../../fakes/memoryContactCenter.js';
import { users } from '../../fakes/serviceKit.js';
import { importTexts, PROD_INSTANCE, prodKit } from '../service/publishKit.js';

const LOOKUP: CatalogResource = {
  kind: 'lambda',
  id: 'lookup-order',
  arn: 'arn:aws:lambda:us-west-2:444455556666:function:lookup-order',
  name: 'lookup-order',
};

/** An inbound flow whose block 'lookup' invokes `arn`. */
function lambdaFlow(name: string, arn: string): string {
  const onError = [{ NextAction: 'end', ErrorType: 'NoMatchingError' }];
  return JSON.stringify({
    Version: '2019-10-30',
    StartAction: 'lookup',
    Metadata: { name, type: 'contactFlow' },
    Actions: [
      {
        Identifier: 'lookup',
        Type: 'InvokeLambdaFunction',
        Parameters: { LambdaFunctionARN: arn, InvocationTimeLimitSeconds: '3' },
        Transitions: { NextAction: 'end', Errors: onError },
      },
      { Identifier: 'end', Type: 'DisconnectParticipant', Parameters: {}, Transitions: {} },
    ],
  });
}

/**
 * prod (no approvals; `associate` as given) holding the function when the flow is imported and
 * requested; then `unassociate` takes it off the instance, as someone would in the console.
 */
async function requestedWhileAssociated(
  center: ContactCenter,
  unassociate: () => void,
  associate: boolean,
): Promise<{ kit: ReturnType<typeof prodKit>; deps: ReturnType<typeof prodKit>['deps']; ids: string[] }> {
  const kit = prodKit([], { approval: { prod: { required: false, associate } } });
  const deps = { ...kit.deps, centers: () => center };
  await importTexts({ ...kit, deps }, 'prod', { main: lambdaFlow('Main', LOOKUP.arn) });
  const request = await requestPublish(deps, { env: 'prod', flow: 'flow:Main', actor: users.alice });
  unassociate();
  return { kit, deps, ids: [request.id] };
}

/** A center that is whichever `current()` returns at each call (a new job's adapter after a change by hand). */
function following(current: () => ContactCenter): ContactCenter {
  return new Proxy({} as ContactCenter, {
    get: (_, key) => {
      const center = current();
      const value: unknown = Reflect.get(center, key);
      return typeof value === 'function' ? value.bind(center) : value;
    },
  });
}

function memoryCenter(): MemoryContactCenter {
  return new MemoryContactCenter({
    name: 'prod',
    instanceArn: PROD_INSTANCE,
    resources: [LOOKUP],
    mappings: [],
  });
}

describe('publishApproved with Lambda functions', () => {
  it('names a function that is not associated with the instance, and writes nothing', async () => {
    const center = memoryCenter();
    const { deps, ids } = await requestedWhileAssociated(
      center,
      () => center.disassociateByHand(LOOKUP.arn),
      false,
    );

    const refused = publishApproved(deps, { ids, actor: users.alice });

    await expect(refused).rejects.toMatchObject({
      code: 'not-publishable',
      message: expect.stringContaining(
        "The Lambda function 'lookup-order' (block 'lookup' of Main) is in the instance's account (444455556666) but is not associated with instance 5e2d7c1b-9a4f-4f3e-8b6d-2c1a0f9e8d77 (prod).",
      ),
    });
    await expect(refused).rejects.toMatchObject({
      message: expect.stringContaining('approval.associate: true'),
    });
    expect(center.writes()).toBe(0);
  });

  it('associates the function before writing the flow where the environment allows it, and audits it', async () => {
    const center = memoryCenter();
    const { kit, deps, ids } = await requestedWhileAssociated(
      center,
      () => center.disassociateByHand(LOOKUP.arn),
      true,
    );

    const outcome = await publishApproved(deps, { ids, actor: users.alice });

    expect(outcome.flows[0]).toMatchObject({ action: 'created', state: 'published' });
    const methods = center.calls.map((c) => c.method);
    expect(methods.indexOf('associateIntegration')).toBeLessThan(methods.indexOf('createFlow'));
    expect((await center.inventory()).resources).toContainEqual(LOOKUP);
    const audit = await kit.audit.listAudit('prod');
    expect(audit.find((e) => e.action === 'associate')).toMatchObject({
      actor: users.alice.id,
      flowKey: 'flow:Main',
      detail: { kind: 'lambda', arn: LOOKUP.arn, instance: PROD_INSTANCE },
    });
  });

  it('associates through Amazon Connect (AssociateLambdaFunction) and publishes', async () => {
    let api = new FakeConnectApi({ instanceArn: PROD_INSTANCE, resources: [LOOKUP], pageSize: 1 });
    const adapter = () =>
      new ConnectContactCenter({ client: api.client, instanceArn: PROD_INSTANCE, limiter: UNLIMITED });
    let center = adapter();
    const proxy = following(() => center);
    const { deps, ids } = await requestedWhileAssociated(
      proxy,
      () => {
        // The same instance, seen by a new job after the function was taken off it.
        api = new FakeConnectApi({
          instanceArn: PROD_INSTANCE,
          account: [LOOKUP],
          flows: [],
          pageSize: 1,
        });
        center = adapter();
      },
      true,
    );

    const outcome = await publishApproved(deps, { ids, actor: users.alice });

    expect(outcome.flows[0]).toMatchObject({ action: 'created', state: 'published' });
    expect((await center.inventory()).resources).toContainEqual(LOOKUP);
  });

  it('says Connect found no such function when associating one the account lacks', async () => {
    const api = new FakeConnectApi({ instanceArn: PROD_INSTANCE, resources: [LOOKUP], pageSize: 1 });
    let center: ContactCenter = new ConnectContactCenter({
      client: api.client,
      instanceArn: PROD_INSTANCE,
      limiter: UNLIMITED,
    });
    const proxy = following(() => center);
    const { deps, ids } = await requestedWhileAssociated(
      proxy,
      () => {
        const gone = new FakeConnectApi({ instanceArn: PROD_INSTANCE, pageSize: 1 });
        center = new ConnectContactCenter({
          client: gone.client,
          instanceArn: PROD_INSTANCE,
          limiter: UNLIMITED,
        });
      },
      true,
    );

    await expect(publishApproved(deps, { ids, actor: users.alice })).rejects.toMatchObject({
      code: 'not-publishable',
      message: expect.stringContaining('associating it failed: Connect found no such function'),
    });
  });
});
