import { describe, expect, it } from 'vitest';
import { hasErrors } from '../../../core/diagnostics.js';
import { FLOW_TYPES, type FlowKind } from '../../../core/flowTypes.js';
import { placeholderContent } from '../../../core/publish/placeholderContent.js';
import { validateFlow } from '../../../core/validate/validateFlow.js';
import { moduleFile } from '../service/publishKit.js';

describe('placeholderContent', () => {
  it.each<FlowKind>([...FLOW_TYPES, 'MODULE'])('is content without errors for a %s', (type) => {
    const content = placeholderContent({ type, content: type === 'MODULE' ? moduleFile('Greeting') : '{}' });

    expect(hasErrors(validateFlow(content, type))).toBe(false);
  });

  it.each<FlowKind>([
    'CONTACT_FLOW',
    'AGENT_TRANSFER',
    'QUEUE_TRANSFER',
    'CUSTOMER_QUEUE',
    'CUSTOMER_WHISPER',
    'AGENT_WHISPER',
    'OUTBOUND_WHISPER',
    'MODULE',
  ])('has no findings at all for a %s (a type that can be in a cycle)', (type) => {
    const content = placeholderContent({ type, content: type === 'MODULE' ? moduleFile('Greeting') : '{}' });

    expect(validateFlow(content, type)).toEqual([]);
  });

  it('keeps a module’s real interface (Settings) so flows invoking it see what they expect', () => {
    const real = JSON.parse(moduleFile('Greeting'));
    real.Settings.InputParameters = [{ Name: 'accountId', Type: 'String' }];

    const content = placeholderContent({ type: 'MODULE', content: JSON.stringify(real) });

    expect(content.Settings).toEqual(real.Settings);
  });
});
