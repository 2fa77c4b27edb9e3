import { describe, expect, it } from 'vitest';
import { ContactCenterError } from '../../core/errors.js';
import type { ContactCenter, CreateFlowInput } from '../../core/ports.js';
import { awsManagedViews } from '../../core/resolve/awsManagedViews.js';
import type { CatalogResource } from '../../core/resolve/types.js';
import { minimalContent } from '../../core/versions/minimalContent.js';
import { loadFixtureText } from '../fixtures.js';

/** What a contact center under contract starts with. */
export interface ContactCenterSeed {
  /** The instance ARN the center answers to. */
  readonly instanceArn: string;
  /**
   * Everything the instance holds, as its inventory lists it. The flows and modules among them
   * exist as published flows whose content is the implementation's choice (the suite never reads
   * it); every other kind is only listed.
   */
  readonly resources: readonly CatalogResource[];
  /**
   * Lambda functions and Lex V2 aliases that exist in the instance's account without being
   * associated with it (what `associateIntegration` finds). A center with no account behind it
   * (the local one) may associate any such ARN.
   */
  readonly account?: readonly CatalogResource[];
}

/** Creates a fresh contact center holding exactly `seed`. */
export type MakeContactCenter = (seed: ContactCenterSeed) => ContactCenter | Promise<ContactCenter>;

const INSTANCE = 'arn:aws:connect:eu-west-2:111122223333:instance/9b1d3f5a-7c2e-4a4b-8d6f-1e3a5c7b9d02';
const UNKNOWN_ID = '99999999-9999-4999-8999-999999999999';

const id = (n: number) => `5eed0000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const under = (type: string, resourceId: string) => `${INSTANCE}/${type}/${resourceId}`;

const SEEDED_FLOW: CatalogResource = {
  kind: 'flow',
  id: id(1),
  arn: under('contact-flow', id(1)),
  name: 'Sales queue music',
  flowType: 'CUSTOMER_QUEUE',
};

const SEEDED_MODULE: CatalogResource = {
  kind: 'module',
  id: id(2),
  arn: under('flow-module', id(2)),
  name: 'Verify caller',
};

const LEX_ALIAS = 'arn:aws:lex:eu-west-2:111122223333:bot-alias/BOTABCDEF1/ALIASABCD1';

/** One resource of every kind both contact centers list, besides a flow and a module. */
const OTHER_RESOURCES: readonly CatalogResource[] = [
  { kind: 'queue', id: id(3), arn: under('queue', id(3)), name: 'Sales' },
  { kind: 'prompt', id: id(4), arn: under('prompt', id(4)), name: 'Welcome.wav' },
  { kind: 'hours', id: id(5), arn: under('operating-hours', id(5)), name: 'Support hours' },
  { kind: 'quick-connect', id: id(6), arn: under('transfer-destination', id(6)), name: 'Billing desk' },
  { kind: 'user', id: id(7), arn: under('agent', id(7)), name: 'alice' },
  { kind: 'task-template', id: id(8), arn: under('task-template', id(8)), name: 'Call back' },
  { kind: 'view', id: id(9), arn: under('view', id(9)), name: 'Customer details' },
  {
    kind: 'lambda',
    id: 'verify-pin',
    arn: 'arn:aws:lambda:eu-west-2:111122223333:function:verify-pin',
    name: 'verify-pin',
  },
  { kind: 'lex-bot', id: 'BOTABCDEF1/ALIASABCD1', arn: LEX_ALIAS, name: LEX_ALIAS },
  {
    kind: 'lex-v1-bot',
    id: 'OrderFlowers',
    arn: 'arn:aws:lex:eu-west-2:111122223333:bot:OrderFlowers',
    name: 'OrderFlowers',
  },
  { kind: 'security-key', id: 'key-association-1', arn: '', name: 'key-association-1' },
];

const EMPTY: ContactCenterSeed = { instanceArn: INSTANCE, resources: [] };
const SEEDED: ContactCenterSeed = {
  instanceArn: INSTANCE,
  resources: [...OTHER_RESOURCES, SEEDED_FLOW, SEEDED_MODULE],
};

const content = loadFixtureText('connect/flow.json');
const otherContent = JSON.stringify(minimalContent('CONTACT_FLOW', 'c0ffee00-0000-4000-8000-000000000001'));
const moduleContent = JSON.stringify(minimalContent('MODULE', 'c0ffee00-0000-4000-8000-000000000002'));
const otherModuleContent = JSON.stringify(minimalContent('MODULE', 'c0ffee00-0000-4000-8000-000000000003'));

const KINDS = [
  { kind: 'flow', arnType: 'contact-flow' },
  { kind: 'module', arnType: 'flow-module' },
] as const;

function inputOf(kind: 'flow' | 'module', overrides: Partial<CreateFlowInput> = {}): CreateFlowInput {
  return kind === 'flow'
    ? {
        kind,
        name: 'Main IVR',
        type: 'CONTACT_FLOW',
        description: 'Greets callers',
        content,
        status: 'PUBLISHED',
        ...overrides,
      }
    : {
        kind,
        name: 'Authenticate',
        type: null,
        description: '',
        content: moduleContent,
        status: 'PUBLISHED',
        ...overrides,
      };
}

/** The catalog resource a flow or module created from `input` lists as. */
function listed(input: CreateFlowInput, created: { id: string; arn: string }): CatalogResource {
  const resource = { kind: input.kind, id: created.id, arn: created.arn, name: input.name };
  return input.kind === 'flow' && input.type !== null ? { ...resource, flowType: input.type } : resource;
}

/** Resources in a stable order, so two listings compare whatever order each contact center lists in. */
function sorted(resources: readonly CatalogResource[]): CatalogResource[] {
  return [...resources].sort((a, b) => `${a.kind} ${a.id}`.localeCompare(`${b.kind} ${b.id}`));
}

/** The `ContactCenterError` a call was refused with (fails the test when it was not refused so). */
async function refusal(call: Promise<unknown>): Promise<ContactCenterError> {
  const error = await call.then(
    () => null,
    (e: unknown) => e,
  );
  if (error instanceof ContactCenterError) return error;
  throw new Error(`Expected a ContactCenterError, got ${error === null ? 'success' : String(error)}`);
}

/**
 * Registers what every `ContactCenter` must do, the same way: Amazon Connect as its API Reference
 * documents it, the local contact center that stands in for it, and the in-memory fake unit tests
 * publish to (a fake that answers otherwise would let those tests pass where Connect fails).
 * `make` returns a fresh center holding exactly the seed it is given.
 */
export function describeContactCenterContract(name: string, make: MakeContactCenter): void {
  const fresh = async (seed: ContactCenterSeed = EMPTY) => make(seed);

  describe(`${name}: ContactCenter contract`, () => {
    describe('createFlow', () => {
      it.each(KINDS)(
        'returns a new id and an ARN under the instance ARN when a $kind is created',
        async ({ kind, arnType }) => {
          const center = await fresh();

          const first = await center.createFlow(inputOf(kind));
          const second = await center.createFlow(inputOf(kind, { name: 'Second' }));

          expect(center.instanceArn).toBe(INSTANCE);
          expect(first.arn).toBe(`${INSTANCE}/${arnType}/${first.id}`);
          expect(second.arn).toBe(`${INSTANCE}/${arnType}/${second.id}`);
          expect(second.id).not.toBe(first.id);
        },
      );

      it.each(KINDS)(
        'refuses with duplicate-name and keeps the first when a $kind of that name exists',
        async ({ kind }) => {
          const center = await fresh();
          const first = await center.createFlow(inputOf(kind));

          const error = await refusal(center.createFlow(inputOf(kind, { content: otherContent })));

          expect(error).toMatchObject({
            name: 'ContactCenterError',
            code: 'duplicate-name',
            retryable: false,
          });
          expect(error.message).toContain(inputOf(kind).name);
          expect((await center.describeFlow(kind, first.id))?.content).toBe(inputOf(kind).content);
        },
      );

      it('refuses with duplicate-name when a seeded flow has the name', async () => {
        const center = await fresh(SEEDED);

        const error = await refusal(center.createFlow(inputOf('flow', { name: SEEDED_FLOW.name })));

        expect(error.code).toBe('duplicate-name');
      });

      it('creates a module when a flow already has its name', async () => {
        const center = await fresh();
        await center.createFlow(inputOf('flow', { name: 'Shared name' }));

        const module = await center.createFlow(inputOf('module', { name: 'Shared name' }));

        expect(await center.describeFlow('module', module.id)).toMatchObject({ name: 'Shared name' });
      });

      it('creates a flow when a module already has its name', async () => {
        const center = await fresh();
        await center.createFlow(inputOf('module', { name: 'Shared name' }));

        const flow = await center.createFlow(inputOf('flow', { name: 'Shared name' }));

        expect(await center.describeFlow('flow', flow.id)).toMatchObject({ name: 'Shared name' });
      });
    });

    describe('describeFlow', () => {
      it.each([
        ['flow', 'PUBLISHED'],
        ['flow', 'SAVED'],
        ['module', 'PUBLISHED'],
      ] as const)(
        'returns the name, type, content and status it was created with when a %s is created %s',
        async (kind, status) => {
          const center = await fresh();
          const input = inputOf(kind, { status });
          const created = await center.createFlow(input);

          const flow = await center.describeFlow(kind, created.id);

          expect(flow).toEqual({
            kind,
            id: created.id,
            arn: created.arn,
            name: input.name,
            type: input.type,
            content: input.content,
            status,
          });
        },
      );

      it('returns a module as published when it was created SAVED (CreateContactFlowModule takes no status)', async () => {
        const center = await fresh();
        const created = await center.createFlow(inputOf('module', { status: 'SAVED' }));

        const module = await center.describeFlow('module', created.id);

        expect(module).toMatchObject({ content: moduleContent, status: 'PUBLISHED' });
      });

      it('returns a seeded flow and module with their names and types, published, when the instance holds them', async () => {
        const center = await fresh(SEEDED);

        const [flow, module] = [
          await center.describeFlow('flow', SEEDED_FLOW.id),
          await center.describeFlow('module', SEEDED_MODULE.id),
        ];

        expect(flow).toMatchObject({
          kind: 'flow',
          id: SEEDED_FLOW.id,
          arn: SEEDED_FLOW.arn,
          name: SEEDED_FLOW.name,
          type: SEEDED_FLOW.flowType,
          status: 'PUBLISHED',
        });
        expect(module).toMatchObject({
          kind: 'module',
          id: SEEDED_MODULE.id,
          arn: SEEDED_MODULE.arn,
          name: SEEDED_MODULE.name,
          type: null,
          status: 'PUBLISHED',
        });
      });

      it.each(KINDS)('returns null when no $kind has the id', async ({ kind }) => {
        const center = await fresh(SEEDED);

        expect(await center.describeFlow(kind, UNKNOWN_ID)).toBeNull();
      });

      it('returns null when a module id is asked for as a flow, or a flow id as a module', async () => {
        const center = await fresh();
        const flow = await center.createFlow(inputOf('flow'));
        const module = await center.createFlow(inputOf('module'));

        const crossed = [
          await center.describeFlow('flow', module.id),
          await center.describeFlow('module', flow.id),
        ];

        expect(crossed).toEqual([null, null]);
      });
    });

    describe('describeFlows', () => {
      it('returns only the ids that exist as flows, each as describeFlow returns it', async () => {
        const center = await fresh(SEEDED);
        const published = await center.createFlow(inputOf('flow'));
        const saved = await center.createFlow(inputOf('flow', { name: 'Draft', status: 'SAVED' }));
        const module = await center.createFlow(inputOf('module'));

        const flows = await center.describeFlows('flow', [
          published.id,
          UNKNOWN_ID,
          saved.id,
          module.id,
          SEEDED_FLOW.id,
        ]);

        expect(new Set(flows.keys())).toEqual(new Set([published.id, saved.id, SEEDED_FLOW.id]));
        for (const [flowId, flow] of flows) expect(flow).toEqual(await center.describeFlow('flow', flowId));
      });

      it('returns only modules when modules are asked for', async () => {
        const center = await fresh(SEEDED);
        const module = await center.createFlow(inputOf('module'));
        const flow = await center.createFlow(inputOf('flow'));

        const modules = await center.describeFlows('module', [module.id, flow.id, SEEDED_MODULE.id]);

        expect(new Set(modules.keys())).toEqual(new Set([module.id, SEEDED_MODULE.id]));
        expect(modules.get(module.id)).toEqual(await center.describeFlow('module', module.id));
      });

      it('returns an empty map when none of the ids exists', async () => {
        const center = await fresh(SEEDED);

        const flows = await center.describeFlows('flow', [UNKNOWN_ID, SEEDED_MODULE.id]);

        expect(flows.size).toBe(0);
      });
    });

    describe('updateFlow', () => {
      it('replaces the content and publishes when a saved flow is updated PUBLISHED', async () => {
        const center = await fresh();
        const { id: flowId } = await center.createFlow(inputOf('flow', { status: 'SAVED' }));

        await center.updateFlow({ kind: 'flow', id: flowId, content: otherContent, status: 'PUBLISHED' });

        expect(await center.describeFlow('flow', flowId)).toMatchObject({
          content: otherContent,
          status: 'PUBLISHED',
        });
      });

      it('replaces the content and stays saved when a flow never published is updated SAVED', async () => {
        const center = await fresh();
        const { id: flowId } = await center.createFlow(inputOf('flow', { status: 'SAVED' }));

        await center.updateFlow({ kind: 'flow', id: flowId, content: otherContent, status: 'SAVED' });

        expect(await center.describeFlow('flow', flowId)).toMatchObject({
          content: otherContent,
          status: 'SAVED',
        });
      });

      it('reads the draft saved over a published flow when asked for saved content, the published one otherwise', async () => {
        const center = await fresh();
        const { id: flowId } = await center.createFlow(inputOf('flow'));
        const { id: plainId } = await center.createFlow(inputOf('flow', { name: 'No draft' }));
        await center.updateFlow({ kind: 'flow', id: flowId, content: otherContent, status: 'SAVED' });

        const saved = await center.describeFlows('flow', [flowId, plainId], { saved: true });
        const published = await center.describeFlows('flow', [flowId, plainId]);

        expect(saved.get(flowId)?.content).toBe(otherContent);
        expect(saved.get(plainId)?.content).toBe(content);
        expect(published.get(flowId)?.content).toBe(content);
      });

      it('keeps the published content and status when a draft is saved over a published flow', async () => {
        const center = await fresh();
        const { id: flowId } = await center.createFlow(inputOf('flow'));

        await center.updateFlow({ kind: 'flow', id: flowId, content: otherContent, status: 'SAVED' });

        expect(await center.describeFlow('flow', flowId)).toMatchObject({ content, status: 'PUBLISHED' });
      });

      it.each([
        { kind: 'flow', replacement: otherContent },
        { kind: 'module', replacement: otherModuleContent },
      ] as const)(
        'replaces the content of a published $kind and keeps its name when it is published again',
        async ({ kind, replacement }) => {
          const center = await fresh();
          const { id: flowId } = await center.createFlow(inputOf(kind));

          await center.updateFlow({ kind, id: flowId, content: replacement, status: 'PUBLISHED' });

          expect(await center.describeFlow(kind, flowId)).toMatchObject({
            name: inputOf(kind).name,
            content: replacement,
            status: 'PUBLISHED',
          });
        },
      );

      it('replaces the content of a seeded flow when it is published', async () => {
        const center = await fresh(SEEDED);

        await center.updateFlow({
          kind: 'flow',
          id: SEEDED_FLOW.id,
          content: otherContent,
          status: 'PUBLISHED',
        });

        expect(await center.describeFlow('flow', SEEDED_FLOW.id)).toMatchObject({
          name: SEEDED_FLOW.name,
          content: otherContent,
          status: 'PUBLISHED',
        });
      });

      it.each(KINDS)('refuses with not-found when no $kind has the id', async ({ kind }) => {
        const center = await fresh(SEEDED);

        const error = await refusal(
          center.updateFlow({ kind, id: UNKNOWN_ID, content: inputOf(kind).content, status: 'PUBLISHED' }),
        );

        expect(error).toMatchObject({ name: 'ContactCenterError', code: 'not-found', retryable: false });
      });

      it('refuses with not-found and leaves the module alone when a module id is updated as a flow', async () => {
        const center = await fresh();
        const module = await center.createFlow(inputOf('module'));

        const error = await refusal(
          center.updateFlow({ kind: 'flow', id: module.id, content: otherContent, status: 'PUBLISHED' }),
        );

        expect(error.code).toBe('not-found');
        expect((await center.describeFlow('module', module.id))?.content).toBe(moduleContent);
      });
    });

    describe('inventory', () => {
      it('lists the seeded resources of every kind and the flows and modules created since', async () => {
        const center = await fresh(SEEDED);
        const flowInput = inputOf('flow', { type: 'CUSTOMER_QUEUE' });
        const flow = await center.createFlow(flowInput);
        const module = await center.createFlow(inputOf('module'));

        const data = await center.inventory();

        expect(data.instanceArn).toBe(INSTANCE);
        expect(sorted(data.resources)).toEqual(
          sorted([
            ...SEEDED.resources,
            // Every instance has the AWS-managed views, seeded or not.
            ...awsManagedViews(INSTANCE),
            listed(flowInput, flow),
            listed(inputOf('module'), module),
          ]),
        );
      });

      it('lists a flow created after the inventory was read', async () => {
        const center = await fresh(SEEDED);
        await center.inventory();

        const created = await center.createFlow(inputOf('flow'));
        const data = await center.inventory();

        expect(data.resources).toContainEqual(listed(inputOf('flow'), created));
      });
    });

    describe('associateIntegration', () => {
      const UNASSOCIATED: readonly CatalogResource[] = [
        {
          kind: 'lambda',
          id: 'lookup-order',
          arn: 'arn:aws:lambda:eu-west-2:111122223333:function:lookup-order',
          name: 'lookup-order',
        },
        {
          kind: 'lex-bot',
          id: 'BOTZYXWVU1/ALIASZYXW1',
          arn: 'arn:aws:lex:eu-west-2:111122223333:bot-alias/BOTZYXWVU1/ALIASZYXW1',
          name: 'arn:aws:lex:eu-west-2:111122223333:bot-alias/BOTZYXWVU1/ALIASZYXW1',
        },
      ];

      it('lists a Lambda function and a Lex V2 alias of the account once they are associated', async () => {
        const center = await fresh({ ...SEEDED, account: UNASSOCIATED });
        await center.inventory();

        for (const r of UNASSOCIATED)
          await center.associateIntegration(r.kind === 'lambda' ? 'lambda' : 'lex-bot', r.arn);
        const data = await center.inventory();

        for (const r of UNASSOCIATED) expect(data.resources).toContainEqual(r);
      });

      it('accepts a function already associated, listing it once', async () => {
        const center = await fresh(SEEDED);
        const lambda = OTHER_RESOURCES.find((r) => r.kind === 'lambda');

        await center.associateIntegration('lambda', lambda?.arn ?? '');
        const data = await center.inventory();

        expect(data.resources.filter((r) => r.arn === lambda?.arn)).toHaveLength(1);
      });
    });

    describe('integrationInventory', () => {
      it('lists the associated Lambda functions and Lex V2 aliases, and nothing else', async () => {
        const center = await fresh(SEEDED);

        const data = await center.integrationInventory();

        expect(data.instanceArn).toBe(INSTANCE);
        expect(sorted(data.resources).map((r) => [r.kind, r.arn])).toEqual([
          ['lambda', 'arn:aws:lambda:eu-west-2:111122223333:function:verify-pin'],
          ['lex-bot', LEX_ALIAS],
        ]);
      });
    });

    describe('flowInventory', () => {
      it('lists the flows with their types and the modules, and nothing else', async () => {
        const center = await fresh(SEEDED);
        const saved = inputOf('flow', { name: 'Draft', type: 'AGENT_WHISPER', status: 'SAVED' });
        const flow = await center.createFlow(saved);
        const module = await center.createFlow(inputOf('module'));

        const data = await center.flowInventory();

        expect(data.instanceArn).toBe(INSTANCE);
        expect(sorted(data.resources)).toEqual(
          sorted([SEEDED_FLOW, SEEDED_MODULE, listed(saved, flow), listed(inputOf('module'), module)]),
        );
      });
    });
  });
}
