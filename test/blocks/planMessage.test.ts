import { describe, expect, it } from 'vitest';
import { buildPlanMessage } from '../../blocks/messages.js';
import { analyzeFlow, planFlows } from '../../core/pipeline.js';
import { Catalog } from '../../core/resolve/catalog.js';
import type { FlowVersion } from '../../core/versions/types.js';
import { instanceData, SOURCE_INSTANCE, TARGET_INSTANCE } from '../core/service/liveFlows.js';

const SOURCE_QUEUE = 'a41d7e0b-2c6f-4b8a-9d1e-5f3a7c9b0d12';

/** A flow whose only reference is a queue ARN of the source instance, with no display name. */
function flowFile(queueArn: string): string {
  return JSON.stringify({
    Version: '2019-10-30',
    StartAction: 'set-queue',
    Actions: [
      {
        Identifier: 'set-queue',
        Type: 'UpdateContactTargetQueue',
        Parameters: { QueueId: queueArn },
        Transitions: { NextAction: 'end', Errors: [{ NextAction: 'end', ErrorType: 'NoMatchingError' }] },
      },
      { Identifier: 'end', Type: 'DisconnectParticipant', Parameters: {}, Transitions: {} },
    ],
  });
}

function planText(catalogs: readonly Catalog[]): string {
  const queueArn = `${SOURCE_INSTANCE}/queue/${SOURCE_QUEUE}`;
  const target = new Catalog(
    instanceData(TARGET_INSTANCE, '99999999-8888-4777-8666-555544443333', '444455556666'),
  );
  const analyzed = analyzeFlow('queue.json', flowFile(queueArn), { assumeType: 'CONTACT_FLOW' });
  const [planned] = planFlows([{ ...analyzed, name: 'Queue' }], target).flows;
  if (planned === undefined) throw new Error('not planned');
  const version = { name: 'Queue', number: 1, flowKey: 'flow:Queue' } as FlowVersion;
  return JSON.stringify(buildPlanMessage('prod', version, planned, [target, ...catalogs]).blocks);
}

describe('buildPlanMessage', () => {
  it('names an unresolved reference as the instance it came from knows it, never by its ARN', () => {
    const source = new Catalog(instanceData(SOURCE_INSTANCE, SOURCE_QUEUE, '777788889999'));

    const text = planText([source]);

    expect(text).toContain('queue *Sales* in the ');
    expect(text).not.toContain('arn:aws:connect');
    expect(text).not.toContain('set-queue');
  });

  it('shows the raw value in code formatting when no catalog knows it', () => {
    expect(planText([])).toContain(`queue \`${SOURCE_INSTANCE}/queue/${SOURCE_QUEUE}\``);
  });
});
