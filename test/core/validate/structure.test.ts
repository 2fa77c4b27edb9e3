import { describe, expect, it } from 'vitest';
import { checkIdentifiers, checkStartAction, checkTransitions } from '../../../core/validate/structure.js';
import { actionOf, flowFixture, found, modelOf } from './flowFixtures.js';

describe('checkStartAction', () => {
  it('returns nothing when StartAction names an action', () => {
    const flow = flowFixture('inbound');

    expect(checkStartAction(modelOf(flow))).toEqual([]);
  });

  it('reports missing-start-action as an error when StartAction names no action', () => {
    const flow = flowFixture('inbound');
    flow.StartAction = 'no-such-action';

    const [finding] = checkStartAction(modelOf(flow));

    expect(finding).toMatchObject({ severity: 'error', code: 'missing-start-action', action: null });
    expect(finding?.message).toContain('no-such-action');
  });

  it('reports missing-start-action when StartAction is absent', () => {
    const { StartAction: _dropped, ...flow } = flowFixture('inbound');

    expect(found(checkStartAction(modelOf(flow)))).toEqual(['missing-start-action@-']);
  });
});

describe('checkIdentifiers', () => {
  it('returns nothing when identifiers are unique friendly names and UUIDs', () => {
    const flow = flowFixture('inbound');
    actionOf(flow, 'greeting').Identifier = '***Was the flag set? #1***';
    actionOf(flow, 'operator').Identifier = '5d2c9a1e-7b3f-4c1a-9e2d-000000000001';

    expect(checkIdentifiers(modelOf(flow))).toEqual([]);
  });

  it('reports duplicate-identifier on the second action when two share an identifier', () => {
    const flow = flowFixture('inbound');
    actionOf(flow, 'operator').Identifier = 'transfer';

    const findings = checkIdentifiers(modelOf(flow));

    expect(findings).toEqual([
      expect.objectContaining({
        severity: 'error',
        code: 'duplicate-identifier',
        block: 'Transfer to phone number',
      }),
    ]);
  });

  it.each([
    ['too long', 'x'.repeat(51)],
    ['a colon', 'step:1'],
    ['a slash', 'a/b'],
    ['brackets', 'menu[0]'],
    ['a dollar sign', 'cost$'],
    ['a reserved name', '__proto__'],
    ['the name constructor', 'constructor'],
    ['an empty string', ''],
  ])('reports invalid-identifier as an error when the identifier has %s', (_label, id) => {
    const flow = flowFixture('inbound');
    actionOf(flow, 'operator').Identifier = id;

    const findings = checkIdentifiers(modelOf(flow));

    expect(findings).toEqual([expect.objectContaining({ severity: 'error', code: 'invalid-identifier' })]);
  });

  it('counts characters, not UTF-16 units, when checking the 50-character limit', () => {
    const flow = flowFixture('inbound');
    actionOf(flow, 'operator').Identifier = '😀'.repeat(50);

    expect(checkIdentifiers(modelOf(flow))).toEqual([]);
  });

  // biome-ignore lint/suspicious/noTemplateCurlyInString: a Terraform placeholder as found in real exports
  it.each(['${var.step_ids["greeting"]}', '{{greetingStepId}}', '%%GREETING_ID%%'])(
    'reports only a placeholder-identifier warning when the identifier is the template %s',
    (id) => {
      const flow = flowFixture('inbound');
      actionOf(flow, 'operator').Identifier = id;

      const findings = checkIdentifiers(modelOf(flow));

      expect(findings).toEqual([
        expect.objectContaining({ severity: 'warning', code: 'placeholder-identifier' }),
      ]);
    },
  );

  it('reports invalid-identifier when a forbidden character sits outside the placeholder', () => {
    const flow = flowFixture('inbound');
    actionOf(flow, 'operator').Identifier = 'step:{{id}}';

    expect(found(checkIdentifiers(modelOf(flow)))).toEqual(['invalid-identifier@step:{{id}}']);
  });

  it('reports invalid-identifier with a null action when Identifier is not a string', () => {
    const flow = flowFixture('inbound');
    flow.Actions.push(JSON.parse('{"Identifier": 42, "Type": "DisconnectParticipant"}'));

    expect(found(checkIdentifiers(modelOf(flow)))).toEqual(['invalid-identifier@-']);
  });
});

describe('checkTransitions', () => {
  it('returns nothing when every transition points at an action', () => {
    expect(checkTransitions(modelOf(flowFixture('inbound')))).toEqual([]);
  });

  it.each([
    [
      'NextAction',
      (flow: ReturnType<typeof flowFixture>) =>
        Object.assign(actionOf(flow, 'greeting').Transitions ?? {}, { NextAction: 'gone' }),
    ],
    [
      'a condition',
      (flow: ReturnType<typeof flowFixture>) => {
        const condition = actionOf(flow, 'check-vip').Transitions?.Conditions?.[0];
        if (condition !== undefined) condition.NextAction = 'gone';
      },
    ],
    [
      'an error branch',
      (flow: ReturnType<typeof flowFixture>) => {
        const error = actionOf(flow, 'transfer').Transitions?.Errors?.[0];
        if (error !== undefined) error.NextAction = 'gone';
      },
    ],
  ])('reports dangling-transition as an error when %s targets no action', (_label, breakIt) => {
    const flow = flowFixture('inbound');
    breakIt(flow);

    const findings = checkTransitions(modelOf(flow));

    expect(findings).toEqual([expect.objectContaining({ severity: 'error', code: 'dangling-transition' })]);
    expect(findings[0]?.message).toContain('"gone"');
  });

  it('reports dangling-transition when an error branch has no NextAction', () => {
    const flow = flowFixture('inbound');
    actionOf(flow, 'transfer').Transitions = {
      NextAction: 'goodbye',
      Errors: [
        JSON.parse('{"ErrorType": "QueueAtCapacity"}'),
        { NextAction: 'goodbye', ErrorType: 'NoMatchingError' },
      ],
    };

    expect(found(checkTransitions(modelOf(flow)))).toEqual(['dangling-transition@transfer']);
  });
});
