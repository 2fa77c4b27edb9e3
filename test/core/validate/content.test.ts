import { describe, expect, it } from 'vitest';
import { checkPhoneNumbers, checkPromptLength } from '../../../core/validate/content.js';
import { actionOf, flowFixture, found, modelOf } from './flowFixtures.js';

describe('checkPromptLength', () => {
  it('returns nothing when prompts are short', () => {
    expect(checkPromptLength(modelOf(flowFixture('inbound')))).toEqual([]);
  });

  it('returns nothing when a prompt is exactly 1,024 characters', () => {
    const flow = flowFixture('inbound');
    actionOf(flow, 'greeting').Parameters = { Text: 'a'.repeat(1024) };

    expect(checkPromptLength(modelOf(flow))).toEqual([]);
  });

  it.each([
    ['greeting', 'Text'],
    ['greeting', 'SSML'],
    ['main-menu', 'Text'],
  ])('reports prompt-too-long as an error when %s has a 1,025-character %s', (id, key) => {
    const flow = flowFixture('inbound');
    actionOf(flow, id).Parameters = { [key]: 'a'.repeat(1025) };

    const findings = checkPromptLength(modelOf(flow));

    expect(findings).toEqual([
      expect.objectContaining({ severity: 'error', code: 'prompt-too-long', action: id }),
    ]);
  });

  it('reports prompt-too-long and names the message when a Loop prompts message is too long', () => {
    const flow = flowFixture('customer-queue');
    actionOf(flow, 'hold-music').Parameters = {
      Messages: [{ PromptId: 'p' }, { SSML: `<speak>${'a'.repeat(1020)}</speak>` }],
    };

    const findings = checkPromptLength(modelOf(flow));

    expect(found(findings)).toEqual(['prompt-too-long@hold-music']);
    expect(findings[0]?.message).toContain('Messages[1].SSML');
  });
});

describe('checkPhoneNumbers', () => {
  it('returns nothing when numbers are E.164', () => {
    expect(checkPhoneNumbers(modelOf(flowFixture('inbound')))).toEqual([]);
  });

  it.each(['01632 960001', '+0441632960001', '441632960001', '+1234567890123456'])(
    'reports invalid-phone-number as an error when the number is %s',
    (number) => {
      const flow = flowFixture('inbound');
      const operator = actionOf(flow, 'operator');
      operator.Parameters = { ...operator.Parameters, ThirdPartyPhoneNumber: number };

      expect(checkPhoneNumbers(modelOf(flow))).toEqual([
        expect.objectContaining({ severity: 'error', code: 'invalid-phone-number', action: 'operator' }),
      ]);
    },
  );

  it('reports the caller id of Call phone number when it is not E.164', () => {
    const flow = flowFixture('outbound-whisper');
    actionOf(flow, 'dial').Parameters = { CallerId: { Number: '555-0100' } };

    expect(found(checkPhoneNumbers(modelOf(flow)))).toEqual(['invalid-phone-number@dial']);
  });

  // biome-ignore lint/suspicious/noTemplateCurlyInString: a Terraform placeholder as found in real exports
  it.each(['$.Attributes.OperatorNumber', '{{operatorNumber}}', '${var.operator_number}', '%%OPERATOR%%'])(
    'does not check %s, which is only known at run or deploy time',
    (value) => {
      const flow = flowFixture('inbound');
      const operator = actionOf(flow, 'operator');
      operator.Parameters = { ...operator.Parameters, ThirdPartyPhoneNumber: value };

      expect(checkPhoneNumbers(modelOf(flow))).toEqual([]);
    },
  );
});
