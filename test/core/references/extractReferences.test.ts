import { describe, expect, it } from 'vitest';
import type { FlowContent } from '../../../core/flow.js';
import { formatPath } from '../../../core/json.js';
import { extractReferences } from '../../../core/references/extractReferences.js';
import type { Reference } from '../../../core/references/types.js';
import { loadFixture } from '../../fixtures.js';

const META = ['Metadata', 'ActionMetadata'];

function referencesOf(fixture: string): Reference[] {
  return extractReferences(loadFixture<FlowContent>(`references/${fixture}`));
}

function referenceAt(references: readonly Reference[], action: string, path?: string): Reference {
  const found = references.find(
    (r) => r.action === action && (path === undefined || formatPath(r.path) === path),
  );
  if (found === undefined) throw new Error(`no reference in ${action} ${path ?? ''}`);
  return found;
}

describe('extractReferences', () => {
  describe('kinds (one action per row of the reference table)', () => {
    const references = referencesOf('every-kind.json');

    it.each([
      ['set-queue', 'Parameters.QueueId', 'queue', true, null],
      ['set-agent-queue', 'Parameters.AgentId', 'user', true, null],
      ['dequeue', 'Parameters.QueueId', 'queue', true, null],
      ['check-staffing', 'Parameters.QueueId', 'queue', true, null],
      ['queue-metrics', 'Parameters.AgentId', 'user', true, null],
      ['callback', 'Parameters.QueueId', 'queue', true, null],
      ['callback', 'Parameters.ContactFlowId', 'flow', true, null],
      ['play', 'Parameters.PromptId', 'prompt', true, null],
      ['get-input', 'Parameters.PromptId', 'prompt', true, null],
      ['loop-prompts', 'Parameters.Messages[1].PromptId', 'prompt', true, null],
      ['lex-v2', 'Parameters.LexV2Bot.AliasArn', 'lex-bot', true, null],
      ['lex-v1', 'Parameters.LexBot.Name', 'lex-v1-bot', true, null],
      ['secure-input', 'Parameters.InputEncryption.EncryptionKeyId', 'security-key', true, null],
      ['invoke-lambda', 'Parameters.LambdaFunctionARN', 'lambda', true, null],
      ['chat-processor', 'Parameters.ChatProcessor.LambdaProcessorARN', 'lambda', true, null],
      ['transfer-flow', 'Parameters.ContactFlowId', 'flow', true, 'CONTACT_FLOW'],
      ['task', 'Parameters.ContactFlowId', 'flow', true, 'CONTACT_FLOW'],
      ['task', 'Parameters.TaskTemplateId', 'task-template', true, null],
      ['send-message', 'Parameters.ContactFlowArn', 'flow', true, 'CONTACT_FLOW'],
      ['hook', 'Parameters.EventHooks.CustomerHold', 'flow', true, 'CUSTOMER_HOLD'],
      ['module', 'Parameters.FlowModuleId', 'module', true, null],
      ['hours', 'Parameters.HoursOfOperationId', 'hours', true, null],
      ['view', 'Parameters.ViewResource.Id', 'view', false, null],
      ['create-case', 'Parameters.CaseTemplateId', 'case-template', true, null],
      ['get-case', 'Parameters.CaseTemplateId', 'case-template', true, null],
      ['update-case', 'Parameters.CaseTemplateId', 'case-template', true, null],
      [
        'routing',
        'Parameters.RoutingCriteria.Steps[0].Expression.AttributeCondition.MatchCriteria.AgentsCriteria.AgentIds[0]',
        'user',
        true,
        null,
      ],
      ['guide', 'Parameters.Attributes.DefaultFlowForAgentUI', 'flow', false, 'CONTACT_FLOW'],
    ])('finds %s %s as %s (required %s, flow type %s)', (action, path, kind, required, flowType) => {
      const reference = referenceAt(references, action, path);

      expect([reference.kind, reference.required, reference.flowType]).toEqual([kind, required, flowType]);
    });

    it('reports no reference when a loop message is text', () => {
      expect(references.filter((r) => r.action === 'loop-prompts').map((r) => formatPath(r.path))).toEqual([
        'Parameters.Messages[1].PromptId',
      ]);
    });

    it('lists references in action order, then table order, when an action has several', () => {
      const task = references.filter((r) => r.action === 'task' || r.action === 'callback');

      expect(task.map((r) => `${r.action} ${formatPath(r.path)}`)).toEqual([
        'callback Parameters.QueueId',
        'callback Parameters.ContactFlowId',
        'task Parameters.ContactFlowId',
        'task Parameters.TaskTemplateId',
      ]);
    });

    it('reports the attribute once when a named attribute rule and the ARN rule both reach it', () => {
      expect(references.filter((r) => r.action === 'guide')).toHaveLength(1);
    });
  });

  describe('value kinds', () => {
    it.each([
      ['classic-metadata.json', 'set-queue', 'arn'],
      ['classic-metadata.json', 'auth', 'id'],
      ['odd-metadata.json', 'dynamic-queue', 'dynamic'],
      ['legacy-converted.json', 'set-queue', 'name'],
      ['legacy-converted.json', 'lex', 'name'],
    ])('in %s, reads %s as %s', (fixture, action, expected) => {
      expect(referenceAt(referencesOf(fixture), action).valueKind).toBe(expected);
    });

    it('reads a templated ARN as a placeholder when it sits in an attribute', () => {
      const reference = referenceAt(
        referencesOf('attribute-arns.json'),
        'set-attrs',
        'Parameters.Attributes.templatedQueue',
      );

      expect([reference.kind, reference.valueKind]).toEqual(['queue', 'placeholder']);
    });

    it('keeps a bare module UUID as an id when the module is invoked by id', () => {
      const reference = referenceAt(referencesOf('every-kind.json'), 'module');

      expect(reference.value).toBe('4e5f6a7b-8c9d-4e0f-8a1b-2c3d4e5f6a7b');
    });
  });

  describe('classic metadata', () => {
    const references = referencesOf('classic-metadata.json');

    it.each([
      [
        'set-queue',
        'Sales',
        [[...META, 'set-queue', 'queue', 'id']],
        [[...META, 'set-queue', 'queue', 'text']],
      ],
      ['play-welcome', 'Welcome.wav', [], [[...META, 'play-welcome', 'promptName']]],
      [
        'loop-hold',
        'HoldMusic.wav',
        [[...META, 'loop-hold', 'audio', 1, 'prompt', 'id']],
        [[...META, 'loop-hold', 'audio', 1, 'prompt', 'text']],
      ],
      [
        'set-hook',
        'Sales queue music',
        [[...META, 'set-hook', 'contactFlow', 'id']],
        [[...META, 'set-hook', 'contactFlow', 'text']],
      ],
      [
        'check-hours',
        'Business hours',
        [[...META, 'check-hours', 'Hours', 'id']],
        [[...META, 'check-hours', 'Hours', 'text']],
      ],
      ['auth', 'Authenticate caller', [], [[...META, 'auth', 'contactFlowModuleName']]],
      [
        'to-flow',
        'Billing',
        [[...META, 'to-flow', 'ContactFlow', 'id']],
        [[...META, 'to-flow', 'ContactFlow', 'text']],
      ],
    ])('reads %s as %j with its id and name copies', (action, name, copies, nameCopies) => {
      const reference = referenceAt(references, action);

      expect([reference.name, reference.copies, reference.nameCopies]).toEqual([name, copies, nameCopies]);
    });

    it('names a Lambda after its function when the metadata has no name', () => {
      expect(referenceAt(references, 'lookup').name).toBe('lookup-account');
    });

    it('gives an event hook the flow type of its hook', () => {
      expect(referenceAt(references, 'set-hook').flowType).toBe('CUSTOMER_QUEUE');
    });
  });

  describe('designer display names', () => {
    const references = referencesOf('designer-metadata.json');

    it.each([
      [
        'set-agent',
        'jdoe',
        [
          ['parameters', 'AgentId', 'displayName'],
          ['queue', 'text'],
        ],
      ],
      [
        'loop',
        'HoldMusic.wav',
        [
          ['parameters', 'Messages', 0, 'PromptId', 'displayName'],
          ['audio', 0, 'text'],
        ],
      ],
      [
        'hook',
        'Agent whisper',
        [
          ['parameters', 'EventHooks', 'AgentWhisper', 'displayName'],
          ['contactFlow', 'text'],
        ],
      ],
      ['lambda', 'lookup-account', [['parameters', 'LambdaFunctionARN', 'displayName']]],
      // Bot and alias together: many bots have an alias named `live`. The slots keep what they say.
      ['lex', 'OrderBot/live', []],
      ['view', 'Order form', [['parameters', 'ViewResource', 'Id', 'displayName']]],
      ['case', 'Complaint', [['parameters', 'CaseTemplateId', 'displayName'], ['templateName']]],
      [
        'module',
        'Authenticate caller',
        [['parameters', 'FlowModuleId', 'displayName'], ['contactFlowModuleName']],
      ],
    ])('reads %s as %j from its display slots', (action, name, slots) => {
      const reference = referenceAt(references, action);

      expect([reference.name, reference.nameCopies]).toEqual([
        name,
        slots.map((s) => [...META, action, ...s]),
      ]);
    });

    it('counts parameters.X.id as a copy when the designer wrote one', () => {
      expect(referenceAt(references, 'module').copies).toEqual([
        [...META, 'module', 'parameters', 'FlowModuleId', 'id'],
      ]);
    });

    it('counts the loop prompt audio id as a copy when it sits beside the display name', () => {
      expect(referenceAt(references, 'loop').copies).toEqual([[...META, 'loop', 'audio', 0, 'id']]);
    });

    it('requires a customer view when it is referenced by ARN', () => {
      expect(referenceAt(references, 'view').required).toBe(true);
    });
  });

  describe('attribute ARNs', () => {
    const references = referencesOf('attribute-arns.json');

    it('reports every ARN of a known kind when attributes hold them', () => {
      const kinds = references
        .filter((r) => r.action === 'set-attrs')
        .map((r) => [formatPath(r.path).replace('Parameters.Attributes.', ''), r.kind]);

      expect(kinds).toEqual([
        ['salesQueue', 'queue'],
        ['billingFlow', 'flow'],
        ['authModule', 'module'],
        ['welcomePrompt', 'prompt'],
        ['hours', 'hours'],
        ['agent', 'user'],
        ['lookupFunction', 'lambda'],
        ['orderBot', 'lex-bot'],
        ['escalation', 'quick-connect'],
        ['followUpTemplate', 'task-template'],
        ['orderView', 'view'],
        ['templatedQueue', 'queue'],
      ]);
    });

    it('marks attribute references as not required', () => {
      expect(references.filter((r) => r.action === 'set-attrs' && r.required)).toEqual([]);
    });

    it('reads flow attribute values when they hold an ARN', () => {
      const flowAttrs = references.filter((r) => r.action === 'flow-attrs').map((r) => formatPath(r.path));

      expect(flowAttrs).toEqual(['Parameters.FlowAttributes.salesQueue.Value']);
    });

    it('reads Lambda invocation attributes after the function itself', () => {
      const lookup = references.filter((r) => r.action === 'lookup').map((r) => [formatPath(r.path), r.kind]);

      expect(lookup).toEqual([
        ['Parameters.LambdaFunctionARN', 'lambda'],
        ['Parameters.LambdaInvocationAttributes.nextFlow', 'flow'],
      ]);
    });
  });

  describe('odd metadata shapes', () => {
    const references = referencesOf('odd-metadata.json');

    it.each([
      ['dynamic-queue'],
      ['null-meta'],
      ['string-slots'],
      ['audio-object'],
      ['no-meta'],
      ['null-hours'],
    ])('finds %s without copies or names when its metadata is missing or malformed', (action) => {
      const reference = referenceAt(references, action);

      expect([reference.copies, reference.nameCopies, reference.name]).toEqual([[], [], null]);
    });

    it.each([['no-params'], ['numeric-hook'], ['empty-flow']])(
      'reports nothing for %s when it has no usable value',
      (action) => {
        expect(references.filter((r) => r.action === action)).toEqual([]);
      },
    );

    it('extracts from a flow without Metadata when the designer data was stripped', () => {
      const { Metadata: _stripped, ...bare } = loadFixture<FlowContent>('references/classic-metadata.json');

      expect(extractReferences(bare).map((r) => r.copies.length + r.nameCopies.length)).toEqual([
        0, 0, 0, 0, 0, 0, 0, 0,
      ]);
    });
  });

  describe('legacy conversions', () => {
    const references = referencesOf('legacy-converted.json');

    it('reports an empty value as a name when the legacy export only knew the resource name', () => {
      const reference = referenceAt(references, 'set-queue');

      expect([reference.value, reference.valueKind, reference.name]).toEqual(['', 'name', 'BasicQueue']);
    });

    it('counts an empty metadata id as a copy when the value is empty too', () => {
      expect(referenceAt(references, 'disconnect-hook').copies).toEqual([
        [...META, 'disconnect-hook', 'contactFlow', 'id'],
      ]);
    });

    it('lists both prompt name slots when the converter kept promptName', () => {
      expect(referenceAt(references, 'beep').nameCopies).toEqual([
        [...META, 'beep', 'parameters', 'PromptId', 'displayName'],
        [...META, 'beep', 'promptName'],
      ]);
    });

    it('names a Lex V1 bot by its own name when the triple is given', () => {
      const reference = referenceAt(references, 'lex');

      expect([reference.kind, reference.value, reference.name]).toEqual([
        'lex-v1-bot',
        'OrderBotV1',
        'OrderBotV1',
      ]);
    });

    it('skips an empty value when nothing names the resource', () => {
      expect(references.filter((r) => r.action === 'unnamed')).toEqual([]);
    });
  });
});
