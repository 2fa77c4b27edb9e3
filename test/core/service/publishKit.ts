import type { FlowKind } from '../../../core/flowTypes.js';
import type { ContactCenterFlow } from '../../../core/ports.js';
import { importFlows } from '../../../core/service/importFlows.js';
import type { FlowVersion } from '../../../core/versions/types.js';
import { MemoryContactCenter } from '../../fakes/memoryContactCenter.js';
import { makeDeps, type ServiceKit, type ServiceKitOptions, users } from '../../fakes/serviceKit.js';

/** The instance the test flows were "exported" from. */
const SOURCE_INSTANCE =
  'arn:aws:connect:us-east-1:111122223333:instance/0b6f3a9e-1c2d-4e5f-8a9b-000000000002';
/** The prod instance of these tests: empty unless a test seeds flows. */
export const PROD_INSTANCE =
  'arn:aws:connect:us-west-2:444455556666:instance/5e2d7c1b-9a4f-4f3e-8b6d-2c1a0f9e8d77';

/** A stable fake UUID per name, so a flow has the same source id in every file that references it. */
function uuidOf(name: string): string {
  let h = 0;
  for (const c of name) h = (h * 31 + c.charCodeAt(0)) >>> 0;
  const hex = h.toString(16).padStart(12, '0').slice(-12);
  return `5a1e0000-0000-4000-8000-${hex}`;
}

/** What an inbound test flow does besides greeting: invoke a module, transfer to a flow. */
export interface FlowLinks {
  readonly say?: string;
  readonly module?: string;
  readonly transferTo?: string;
}

/** An inbound flow as the designer exports it, optionally invoking a module and transferring to a flow. */
export function inboundFlow(name: string, links: FlowLinks = {}): string {
  const actions: object[] = [];
  const metadata: Record<string, object> = {};
  const chain = [
    'greet',
    ...(links.module ? ['module'] : []),
    ...(links.transferTo ? ['transfer'] : []),
    'end',
  ];
  const next = (id: string) => chain[chain.indexOf(id) + 1] ?? 'end';
  const onError = [{ NextAction: 'end', ErrorType: 'NoMatchingError' }];
  actions.push({
    Identifier: 'greet',
    Type: 'MessageParticipant',
    Parameters: { Text: links.say ?? `Welcome to ${name}.` },
    Transitions: { NextAction: next('greet'), Errors: onError },
  });
  if (links.module) {
    actions.push({
      Identifier: 'module',
      Type: 'InvokeFlowModule',
      Parameters: { FlowModuleId: uuidOf(links.module) },
      Transitions: { NextAction: next('module'), Errors: onError },
    });
    metadata.module = { contactFlowModuleName: links.module };
  }
  if (links.transferTo) {
    const arn = `${SOURCE_INSTANCE}/contact-flow/${uuidOf(links.transferTo)}`;
    actions.push({
      Identifier: 'transfer',
      Type: 'TransferToFlow',
      Parameters: { ContactFlowId: arn },
      Transitions: { NextAction: 'end', Errors: onError },
    });
    metadata.transfer = { ContactFlow: { id: arn, text: links.transferTo } };
  }
  actions.push({ Identifier: 'end', Type: 'DisconnectParticipant', Parameters: {}, Transitions: {} });
  return JSON.stringify({
    Version: '2019-10-30',
    StartAction: 'greet',
    Metadata: { name, type: 'contactFlow', ActionMetadata: metadata },
    Actions: actions,
  });
}

/** A flow module that says something and returns. */
export function moduleFile(name: string, say = `This is ${name}.`): string {
  return JSON.stringify({
    Version: '2019-10-30',
    StartAction: 'say',
    Metadata: { name, type: 'module' },
    Actions: [
      {
        Identifier: 'say',
        Type: 'MessageParticipant',
        Parameters: { Text: say },
        Transitions: {
          NextAction: 'return',
          Errors: [{ NextAction: 'return', ErrorType: 'NoMatchingError' }],
        },
      },
      { Identifier: 'return', Type: 'EndFlowModuleExecution', Parameters: {}, Transitions: {} },
    ],
    Settings: { InputParameters: [], OutputParameters: [], Transitions: [] },
  });
}

/** A flow already in the target instance (made outside flowgate). */
export function existingFlow(
  name: string,
  content: string,
  type: FlowKind = 'CONTACT_FLOW',
): ContactCenterFlow {
  const id = uuidOf(`existing ${name}`);
  const kind = type === 'MODULE' ? 'module' : 'flow';
  const arn = `${PROD_INSTANCE}/${kind === 'module' ? 'flow-module' : 'contact-flow'}/${id}`;
  return { kind, id, arn, name, type: type === 'MODULE' ? null : type, content, status: 'PUBLISHED' };
}

/** A kit whose prod contact center is an empty instance (plus `flows`), prod needing approval. */
export function prodKit(
  flows: readonly ContactCenterFlow[] = [],
  options: ServiceKitOptions = {},
): ServiceKit {
  const center = new MemoryContactCenter(
    { name: 'prod', instanceArn: PROD_INSTANCE, resources: [], mappings: [] },
    flows,
  );
  return makeDeps({ prodParent: false, ...options, centers: { prod: center, ...options.centers } });
}

/** Imports files (name → text) into `env` as alice, in one batch; returns the stored versions by flow name. */
export async function importTexts(
  kit: ServiceKit,
  env: string,
  files: Readonly<Record<string, string>>,
): Promise<Record<string, FlowVersion>> {
  const result = await importFlows(kit.deps, {
    env,
    files: Object.entries(files).map(([name, text]) => ({
      name: `${name}.json`,
      bytes: new TextEncoder().encode(text),
    })),
    actor: users.alice,
    channel: 'cli',
  });
  const out: Record<string, FlowVersion> = {};
  for (const flow of result.flows) {
    if (flow.version === null) {
      const problems = flow.analysis.diagnostics.map((d) => `${d.code}: ${d.message}`).join('\n');
      throw new Error(`${flow.file} was not stored:\n${problems}`);
    }
    out[flow.version.name] = flow.version;
  }
  return out;
}

/** Contact-center writes (create + update) a block of work makes. */
export async function writesDuring(
  center: MemoryContactCenter,
  work: () => Promise<unknown>,
): Promise<number> {
  const before = center.writes();
  await work();
  return center.writes() - before;
}
