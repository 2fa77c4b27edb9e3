import { describe, expect, it } from 'vitest';
import { ACTION_IDS, actionIdPattern, decodeActionValue } from '../../blocks/actionIds.js';
import { buildRequestDecided } from '../../blocks/requestDecided.js';
import type { RequestDecidedView } from '../../blocks/types.js';
import type { FlowPublishResult, PublishOutcome } from '../../core/publish/publishOutcome.js';
import { checkMessage } from './slackLimits.js';
import { allText, buttonsOf } from './views.js';

function published(overrides: Partial<FlowPublishResult> = {}): FlowPublishResult {
  return {
    requestId: 'req-7f3a',
    flowKey: 'flow:Main',
    name: 'Main',
    version: 3,
    planned: 'update',
    action: 'updated',
    state: 'published',
    arn: 'arn:aws:connect:eu-west-1:111122223333:instance/abc/contact-flow/def',
    calls: 2,
    writes: 1,
    previous: 2,
    rollback: 'flowgate rollback "flow:Main" --env prod --to 2 --as <you>',
    error: null,
    diagnostics: [],
    waitsFor: null,
    ...overrides,
  };
}

function outcomeOf(flows: FlowPublishResult[]): PublishOutcome {
  const ok = flows.every((f) => f.state === 'published');
  return {
    env: 'prod',
    ok,
    flows,
    calls: 3,
    writes: 1,
    summary: ok ? 'Published 1 flow to prod.' : 'Publishing to prod stopped.',
  };
}

function decidedView(overrides: Partial<RequestDecidedView> = {}): RequestDecidedView {
  return {
    requestId: 'req-7f3a',
    env: 'prod',
    flowKey: 'flow:Main',
    name: 'Main',
    version: 3,
    requester: 'U012ABCDEF',
    requestedAt: '2026-03-02T10:00:00.000Z',
    expiresAt: '2026-03-03T10:00:00.000Z',
    replaces: 2,
    diff: null,
    state: 'published',
    decidedBy: 'U099XYZ',
    decidedAt: '2026-03-02T11:00:00.000Z',
    reason: null,
    outcome: outcomeOf([published()]),
    waitingFor: [],
    ...overrides,
  };
}

describe('buildRequestDecided', () => {
  it('shows who approved and when, instead of the Approve and Reject buttons', () => {
    const message = buildRequestDecided(decidedView());
    const text = allText(message.blocks);
    expect(text).toContain('*Approved and published* by <@U099XYZ> · <!date^1772449200^');
    expect(buttonsOf(message.blocks).map((b) => b.action_id)).not.toContain(ACTION_IDS.approve);
  });

  it('shows the publish outcome by flow name, with no key or ARN', () => {
    const text = allText(buildRequestDecided(decidedView()).blocks);
    expect(text).toContain('• *Main* v3: updated');
    expect(text).not.toMatch(/`flow:Main`|arn:aws/);
  });

  it('offers a confirmed Roll back to the replaced version when one was kept', () => {
    const [rollback] = buttonsOf(buildRequestDecided(decidedView()).blocks);
    expect(rollback?.action_id).toBe(ACTION_IDS.rollback);
    expect(decodeActionValue(ACTION_IDS.rollback, rollback?.value)).toEqual({
      env: 'prod',
      flow: 'flow:Main',
      to: 2,
    });
    expect(rollback?.confirm?.style).toBe('danger');
  });

  it('numbers Roll back buttons when a batch published several flows', () => {
    const flows = [published(), published({ flowKey: 'module:Greeting', name: 'Greeting', previous: 5 })];
    const ids = buttonsOf(buildRequestDecided(decidedView({ outcome: outcomeOf(flows) })).blocks).map(
      (b) => b.action_id ?? '',
    );
    expect(ids).toEqual(['flowgate.rollback:0', 'flowgate.rollback:1']);
    expect(ids.every((id) => actionIdPattern(ACTION_IDS.rollback).test(id))).toBe(true);
  });

  it('keeps the link to the full report after the decision', () => {
    const url = 'https://flowgate.example/reports/abc.def';

    const buttons = buttonsOf(buildRequestDecided(decidedView({ reportUrl: url })).blocks);

    expect(buttons.map((b) => b.action_id)).toEqual([ACTION_IDS.rollback, ACTION_IDS.viewReport]);
    expect(buttons.at(-1)?.url).toBe(url);
  });

  it('shows the rejection and its reason with no buttons when rejected', () => {
    const message = buildRequestDecided(
      decidedView({ state: 'rejected', outcome: null, reason: 'Wrong queue <prod>' }),
    );
    expect(allText(message.blocks)).toContain('*Rejected* by <@U099XYZ>');
    expect(allText(message.blocks)).toContain('Wrong queue &lt;prod&gt;');
    expect(buttonsOf(message.blocks)).toEqual([]);
  });

  it('names the error and the contact center’s problems when publishing failed', () => {
    const failed = published({
      state: 'failed',
      action: null,
      previous: null,
      error: 'InvalidContactFlowException',
      diagnostics: Array.from({ length: 40 }, (_, i) => ({
        severity: 'error' as const,
        code: 'connect-rejected',
        action: `a${i}`,
        block: 'Play prompt',
        message: `Prompt ${i} does not exist.`,
        hint: 'Choose an existing prompt.',
      })),
    });
    const message = buildRequestDecided(decidedView({ state: 'failed', outcome: outcomeOf([failed]) }));
    const text = allText(message.blocks);
    expect(text).toContain('*failed*, not written: InvalidContactFlowException');
    expect(text).toContain('… and 35 more problems');
    expect(checkMessage(message)).toEqual([]);
  });

  it('says an expired request ended by itself', () => {
    const message = buildRequestDecided(
      decidedView({ state: 'expired', decidedBy: null, decidedAt: null, outcome: null }),
    );
    expect(message.text).toBe('Main v3 for prod: expired.');
  });
});
