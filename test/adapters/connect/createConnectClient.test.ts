import { CreateContactFlowCommand, ListQueuesCommand } from '@aws-sdk/client-connect';
import { describe, expect, it } from 'vitest';
import { ConnectContactCenter } from '../../../adapters/connect/ConnectContactCenter.js';
import { createConnectClient } from '../../../adapters/connect/createConnectClient.js';
import { TokenBucketRateLimiter } from '../../../adapters/connect/rateLimiter.js';
import { ContactCenterError } from '../../../core/errors.js';

const INSTANCE_ID = '9b1d3f5a-7c2e-4a4b-8d6f-1e3a5c7b9d02';
const INSTANCE = `arn:aws:connect:eu-west-2:111122223333:instance/${INSTANCE_ID}`;
const CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' };

interface FakeResponse {
  readonly status: number;
  readonly errorType?: string;
  readonly body: unknown;
}

const THROTTLED: FakeResponse = {
  status: 429,
  errorType: 'ThrottlingException',
  body: { Message: 'Rate exceeded' },
};

/**
 * An HTTP handler that answers from a script (the last answer repeats), so the real SDK
 * middleware, retries included, runs without a network.
 */
function scriptedHandler(script: readonly FakeResponse[]) {
  const requests: { method: string; path: string }[] = [];
  const handler = {
    async handle(request: { method: string; path: string }) {
      requests.push({ method: request.method, path: request.path });
      const answer = script[Math.min(requests.length - 1, script.length - 1)] ?? THROTTLED;
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (answer.errorType !== undefined) headers['x-amzn-errortype'] = answer.errorType;
      return {
        response: {
          statusCode: answer.status,
          headers,
          body: new TextEncoder().encode(JSON.stringify(answer.body)),
        },
      };
    },
  };
  return { handler, requests };
}

describe('createConnectClient', () => {
  it('retries a throttled request and returns the answer that follows', async () => {
    const { handler, requests } = scriptedHandler([
      THROTTLED,
      { status: 200, body: { QueueSummaryList: [{ Id: 'q1', Arn: 'arn:q1', Name: 'Sales' }] } },
    ]);
    const client = createConnectClient('eu-west-2', { credentials: CREDENTIALS, requestHandler: handler });

    const response = await client.send(new ListQueuesCommand({ InstanceId: INSTANCE_ID }));

    expect(requests).toHaveLength(2);
    expect(response.QueueSummaryList?.map((q) => q.Name)).toEqual(['Sales']);
  });

  it('uses adaptive retries in the given Region', async () => {
    const client = createConnectClient('ap-southeast-2', { credentials: CREDENTIALS });

    expect(await client.config.region()).toBe('ap-southeast-2');
    expect(await client.config.retryStrategy()).toMatchObject({ mode: 'adaptive' });
  });

  it('stops after maxAttempts when Connect keeps throttling, and the adapter reports it as retryable', async () => {
    const { handler, requests } = scriptedHandler([THROTTLED]);
    const client = createConnectClient('eu-west-2', {
      credentials: CREDENTIALS,
      requestHandler: handler,
      maxAttempts: 2,
    });
    const center = new ConnectContactCenter({
      client,
      instanceArn: INSTANCE,
      limiter: new TokenBucketRateLimiter(),
    });

    const failure = center.createFlow({
      kind: 'flow',
      name: 'Main IVR',
      type: 'CONTACT_FLOW',
      description: '',
      content: '{"Version":"2019-10-30","StartAction":"a","Actions":[]}',
      status: 'PUBLISHED',
    });

    await expect(failure).rejects.toBeInstanceOf(ContactCenterError);
    await expect(failure).rejects.toMatchObject({ code: 'throttled', retryable: true });
    expect(requests).toHaveLength(2);
    expect(requests.every((r) => r.method === 'PUT' && r.path.includes(INSTANCE_ID))).toBe(true);
  });

  it('sends a create once when Connect accepts it first time', async () => {
    const { handler, requests } = scriptedHandler([
      { status: 200, body: { ContactFlowId: 'f1', ContactFlowArn: `${INSTANCE}/contact-flow/f1` } },
    ]);
    const client = createConnectClient('eu-west-2', { credentials: CREDENTIALS, requestHandler: handler });

    const response = await client.send(
      new CreateContactFlowCommand({
        InstanceId: INSTANCE_ID,
        Name: 'Main IVR',
        Type: 'CONTACT_FLOW',
        Content: '{}',
      }),
    );

    expect(response.ContactFlowId).toBe('f1');
    expect(requests).toHaveLength(1);
  });
});
