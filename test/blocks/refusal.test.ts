import { describe, expect, it } from 'vitest';
import { buildRefusal } from '../../blocks/refusal.js';
import type { ServiceDeps } from '../../core/deps.js';
import { ServiceError } from '../../core/errors.js';
import { approveRequest } from '../../core/service/approveRequest.js';
import { importFlows } from '../../core/service/importFlows.js';
import { requestPublish } from '../../core/service/requestPublish.js';
import { actor, exampleFlowFiles, jsonFile, makeDeps } from '../fakes/serviceKit.js';
import { unreadableParts } from '../integration/slackText.js';

/** The kit with Slack users: U0ALICE edits and U0BOB publishes. */
function slackDeps(): ServiceDeps {
  const { deps } = makeDeps();
  const roles = { ...deps.config.roles, editors: ['U0ALICE'], publishers: ['U0BOB'] };
  return { ...deps, config: { ...deps.config, roles } };
}

/** What the use case threw. */
async function refusal(work: Promise<unknown>): Promise<ServiceError> {
  const error = await work.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof ServiceError)) throw new Error(`expected a ServiceError, got ${String(error)}`);
  return error;
}

describe('buildRefusal', () => {
  it('tells the approver why a request went stale, who changed it and when, and to ask again', async () => {
    const deps = slackDeps();
    const files = exampleFlowFiles();
    await importFlows(deps, { env: 'prod', files, actor: actor('U0ALICE'), channel: 'slack' });
    const request = await requestPublish(deps, { env: 'prod', flow: 'Main IVR', actor: actor('U0ALICE') });
    const main = files.find((f) => f.name === 'main-ivr.json');
    const changed = JSON.parse(new TextDecoder().decode(main?.bytes)) as {
      Metadata: { description: string };
    };
    changed.Metadata.description = 'changed after the request';
    const v2 = jsonFile('main-ivr.json', changed);
    await importFlows(deps, { env: 'prod', files: [v2], actor: actor('U0ALICE'), channel: 'slack' });

    const error = await refusal(approveRequest(deps, { id: request.id, actor: actor('U0BOB') }));
    const { text } = buildRefusal(error, 'U0BOB');

    expect(text).toMatch(
      /^Nothing was approved: this publish of \*Main IVR\* v1 to \*prod\* changed since it was requested \(<@U0ALICE> imported v2 <!date\^\d+\^[^|]+\|[^>]+>\)\. Request publishing again so the change is reviewed: `\/flow publish "Main IVR" --env prod`\.$/,
    );
    expect(unreadableParts([text])).toEqual([]);
  });
});
