import { describe, expect, it } from 'vitest';
import {
  processWebhookImport,
  reportWebhookFailure,
  type WebhookImportJob,
} from '../../app/webhookImport.js';
import { inputKey, loadStatus, saveStatus } from '../../app/webhookStatus.js';
import { makeDeps } from '../fakes/serviceKit.js';

const job: WebhookImportJob = {
  id: '3f1c2b9e-5d6a-4c7b-8e9f-0a1b2c3d4e5f',
  env: 'prod',
  contentType: 'application/json',
  fileName: 'flow.json',
  acceptedAt: '2026-11-21T10:00:00.000Z',
};

describe('processWebhookImport', () => {
  it('records a 400 answer when the stored body is unreadable', async () => {
    const { deps } = makeDeps();
    await deps.files.put(inputKey(job.id), new TextEncoder().encode('not json'));

    await processWebhookImport(deps, job);

    expect(await loadStatus(deps.files, job.id)).toMatchObject({ state: 'done', statusCode: 400 });
  });

  it('keeps the first answer when the job is delivered again', async () => {
    const { deps } = makeDeps();
    const first = {
      id: job.id,
      env: job.env,
      state: 'done',
      acceptedAt: job.acceptedAt,
      finishedAt: job.acceptedAt,
      statusCode: 200,
      body: { ok: 1 },
    } as const;
    await saveStatus(deps.files, first);

    await processWebhookImport(deps, job);

    expect(await loadStatus(deps.files, job.id)).toEqual(first);
  });
});

describe('reportWebhookFailure', () => {
  it('records a 500 answer naming the failure when the import failed for good', async () => {
    const { deps } = makeDeps();

    await reportWebhookFailure(deps, job, new Error('DynamoDB is down'));

    const status = await loadStatus(deps.files, job.id);
    expect(status).toMatchObject({ state: 'done', statusCode: 500 });
    expect(JSON.stringify(status)).toContain('DynamoDB is down');
  });
});
