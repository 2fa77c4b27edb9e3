import { describe, expect, it } from 'vitest';
import type { FlowContent } from '../../../core/flow.js';
import {
  type ContainerFacts,
  fileBaseName,
  flowDescription,
  flowKind,
  flowName,
  idFromArn,
  NO_CONTAINER_FACTS,
  parseFlowKind,
} from '../../../core/formats/flowFacts.js';

function content(extra: Partial<FlowContent> = {}): FlowContent {
  return {
    Version: '2019-10-30',
    StartAction: 'a',
    Actions: [{ Identifier: 'a', Type: 'DisconnectParticipant' }],
    ...extra,
  };
}

function facts(extra: Partial<ContainerFacts>): ContainerFacts {
  return { ...NO_CONTAINER_FACTS, ...extra };
}

describe('fileBaseName', () => {
  it.each([
    ['Main.json', 'Main'],
    ['a/b/Main flow.json', 'Main flow'],
    ['C:\\x\\y.z.json', 'y.z'],
    ['.hidden', '.hidden'],
    ['noext', 'noext'],
  ])('turns %s into %s', (file, name) => {
    expect(fileBaseName(file)).toBe(name);
  });
});

describe('idFromArn', () => {
  it.each([
    ['arn:aws:connect:us-east-1:1:instance/i/contact-flow/f-1', 'f-1'],
    ['arn:aws:connect:us-east-1:1:instance/i/contact-flow/f-1:$SAVED', 'f-1'],
    ['arn:aws:connect:us-east-1:1:instance/i/flow-module/m-2', 'm-2'],
    ['arn:aws:connect:us-east-1:1:instance', null],
    ['arn:aws:connect:us-east-1:1:instance/i/', null],
  ])('takes the id of %s as %s', (arn, id) => {
    expect(idFromArn(arn)).toBe(id);
  });
});

describe('parseFlowKind', () => {
  it.each([
    ['MODULE', 'MODULE'],
    ['contactFlowModule', 'MODULE'],
    ['flow_module', 'MODULE'],
    ['agentWhisper', 'AGENT_WHISPER'],
    ['CONTACT_FLOW', 'CONTACT_FLOW'],
    ['inbound', null],
    [3, null],
  ])('reads %j as %s', (value, kind) => {
    expect(parseFlowKind(value)).toBe(kind);
  });
});

describe('flowName', () => {
  it('prefers the container name over Metadata.name and the file', () => {
    expect(flowName('f.json', facts({ name: 'Container' }), content({ Metadata: { name: 'Meta' } }))).toBe(
      'Container',
    );
  });

  it('uses Metadata.name when the container has none', () => {
    expect(flowName('f.json', NO_CONTAINER_FACTS, content({ Metadata: { name: 'Meta' } }))).toBe('Meta');
  });

  it('falls back to the file name when Metadata.name is blank', () => {
    expect(flowName('dir/f.json', NO_CONTAINER_FACTS, content({ Metadata: { name: ' ' } }))).toBe('f');
  });
});

describe('flowKind', () => {
  it.each<[string, ContainerFacts, FlowContent, string | null]>([
    ['a module container', facts({ module: true, type: 'CONTACT_FLOW' }), content(), 'MODULE'],
    [
      'the container type over Metadata',
      facts({ type: 'AGENT_HOLD' }),
      content({ Metadata: { type: 'contactFlow' } }),
      'AGENT_HOLD',
    ],
    [
      'Settings over Metadata.type',
      NO_CONTAINER_FACTS,
      content({ Settings: {}, Metadata: { type: 'contactFlow' } }),
      'MODULE',
    ],
    [
      'Metadata.type',
      NO_CONTAINER_FACTS,
      content({ Metadata: { type: 'outboundWhisper' } }),
      'OUTBOUND_WHISPER',
    ],
    [
      'Metadata.type over a Return block',
      NO_CONTAINER_FACTS,
      content({
        Metadata: { type: 'customerQueue' },
        Actions: [{ Identifier: 'a', Type: 'EndFlowModuleExecution' }],
      }),
      'CUSTOMER_QUEUE',
    ],
    [
      'a Return block alone',
      NO_CONTAINER_FACTS,
      content({ Actions: [{ Identifier: 'a', Type: 'EndFlowModuleExecution' }] }),
      'MODULE',
    ],
    ['nothing', NO_CONTAINER_FACTS, content(), null],
  ])('takes the type from %s', (_label, given, doc, kind) => {
    expect(flowKind(given, doc)).toBe(kind);
  });
});

describe('flowDescription', () => {
  it('uses Metadata.description when the container has none', () => {
    expect(flowDescription(NO_CONTAINER_FACTS, content({ Metadata: { description: 'Routes calls' } }))).toBe(
      'Routes calls',
    );
  });

  it('returns null for an empty Metadata.description', () => {
    expect(flowDescription(NO_CONTAINER_FACTS, content({ Metadata: { description: '' } }))).toBeNull();
  });
});
