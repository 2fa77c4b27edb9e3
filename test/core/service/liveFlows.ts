/**
 * A small live source instance for pull and promote tests: a queue, a Lambda function, a module
 * and a flow that uses all three, with the stale display labels real exports carry.
 */
import type { ContactCenterFlow } from '../../../core/ports.js';
import type { CatalogData } from '../../../core/resolve/types.js';
import { MemoryContactCenter } from '../../fakes/memoryContactCenter.js';

/** The source (test) instance. */
export const SOURCE_INSTANCE =
  'arn:aws:connect:us-west-2:777788889999:instance/3c9f1e2a-6b7d-4c8e-9f0a-1b2c3d4e5f60';
/** The target (prod) instance. */
export const TARGET_INSTANCE =
  'arn:aws:connect:us-west-2:444455556666:instance/5e2d7c1b-9a4f-4f3e-8b6d-2c1a0f9e8d77';

const ids = {
  queue: 'a41d7e0b-2c6f-4b8a-9d1e-5f3a7c9b0d12',
  module: '0d9e8f7a-6b5c-4d3e-8f2a-1b0c9d8e7f6a',
  flow: '5a4b3c2d-1e0f-4a9b-8c7d-6e5f4a3b2c1d',
} as const;

/** An instance's resources: a `Sales` queue (its own id) and a Lambda function named `lookup`. */
export function instanceData(instanceArn: string, queueId: string, account: string): CatalogData {
  return {
    name: 'live',
    instanceArn,
    resources: [
      { kind: 'queue', id: queueId, arn: `${instanceArn}/queue/${queueId}`, name: 'Sales' },
      {
        kind: 'lambda',
        id: 'lookup',
        arn: `arn:aws:lambda:us-west-2:${account}:function:lookup`,
        name: 'lookup',
      },
    ],
    mappings: [],
  };
}

/** The module's content: it invokes the Lambda function. */
export function moduleContent(lambdaArn: string): string {
  return JSON.stringify({
    Version: '2019-10-30',
    StartAction: 'm1',
    Metadata: { entryPointPosition: { x: 0, y: 0 }, ActionMetadata: { m1: { position: { x: 0, y: 0 } } } },
    Settings: { InputParameters: [], OutputParameters: [], Transitions: [] },
    Actions: [
      {
        Identifier: 'm1',
        Type: 'InvokeLambdaFunction',
        Parameters: { LambdaFunctionARN: lambdaArn, InvocationTimeLimitSeconds: '3' },
        Transitions: { NextAction: 'm2', Errors: [{ NextAction: 'm2', ErrorType: 'NoMatchingError' }] },
      },
      { Identifier: 'm2', Type: 'EndFlowModuleExecution', Parameters: {}, Transitions: {} },
    ],
  });
}

/** The flow's content: sets the queue (labelled `queueLabel`), invokes the module, transfers. */
export function flowContent(queueArn: string, queueLabel: string, moduleArn: string): string {
  return JSON.stringify({
    Version: '2019-10-30',
    StartAction: 'a1',
    Metadata: {
      entryPointPosition: { x: 0, y: 0 },
      ActionMetadata: {
        a1: { position: { x: 0, y: 0 }, queue: { id: queueArn, text: queueLabel } },
        a0: { position: { x: 100, y: 0 }, contactFlowModuleName: 'Old module label' },
        a2: { position: { x: 200, y: 0 } },
        a3: { position: { x: 300, y: 0 } },
      },
    },
    Actions: [
      {
        Identifier: 'a1',
        Type: 'UpdateContactTargetQueue',
        Parameters: { QueueId: queueArn },
        Transitions: { NextAction: 'a0', Errors: [{ NextAction: 'a3', ErrorType: 'NoMatchingError' }] },
      },
      {
        Identifier: 'a0',
        Type: 'InvokeFlowModule',
        Parameters: { FlowModuleId: moduleArn },
        Transitions: { NextAction: 'a2', Errors: [{ NextAction: 'a3', ErrorType: 'NoMatchingError' }] },
      },
      {
        Identifier: 'a2',
        Type: 'TransferContactToQueue',
        Parameters: {},
        Transitions: {
          NextAction: 'a3',
          Errors: [
            { NextAction: 'a3', ErrorType: 'QueueAtCapacity' },
            { NextAction: 'a3', ErrorType: 'NoMatchingError' },
          ],
        },
      },
      { Identifier: 'a3', Type: 'DisconnectParticipant', Parameters: {}, Transitions: {} },
    ],
  });
}

/** The live source: `Check balance` (a module) and `Main IVR` (a flow using it), both published. */
export function sourceCenter(): MemoryContactCenter {
  const data = instanceData(SOURCE_INSTANCE, ids.queue, '777788889999');
  const queueArn = `${SOURCE_INSTANCE}/queue/${ids.queue}`;
  const moduleArn = `${SOURCE_INSTANCE}/flow-module/${ids.module}`;
  const flows: ContactCenterFlow[] = [
    {
      kind: 'module',
      id: ids.module,
      arn: moduleArn,
      name: 'Check balance',
      type: null,
      content: moduleContent('arn:aws:lambda:us-west-2:777788889999:function:lookup'),
      status: 'PUBLISHED',
    },
    {
      kind: 'flow',
      id: ids.flow,
      arn: `${SOURCE_INSTANCE}/contact-flow/${ids.flow}`,
      name: 'Main IVR',
      type: 'CONTACT_FLOW',
      content: flowContent(queueArn, 'SELECT QUEUE', moduleArn),
      status: 'PUBLISHED',
    },
  ];
  return new MemoryContactCenter(data, flows);
}

/** The ids of the source's flows. */
export const SOURCE_IDS = ids;
