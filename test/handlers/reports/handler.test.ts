import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { beforeEach, describe, expect, it } from 'vitest';
import { REPORT_LINK_SECONDS, reportLinker } from '../../../app/reportLinks.js';
import { reportKey, storeImportReports } from '../../../app/versionReport.js';
import { importFlows } from '../../../core/service/importFlows.js';
import type { FlowVersion } from '../../../core/versions/types.js';
import { createReportHandler } from '../../../handlers/reports/handler.js';
import { exampleFlowFiles, makeDeps, type ServiceKit, users } from '../../fakes/serviceKit.js';

const SECRET = 'report-secret-0123456789abcdef0123456789';

let kit: ServiceKit;
let logged: string[];

beforeEach(() => {
  kit = makeDeps({ notify: false });
  logged = [];
});

const log = (message: string) => {
  logged.push(message);
};

function handler() {
  return createReportHandler({ service: kit.deps, secret: SECRET, log });
}

function link(env: string, flowKey: string, version: number): string {
  return reportLinker({ baseUrl: 'https://flowgate.example', secret: SECRET, clock: kit.clock })(
    env,
    flowKey,
    version,
  );
}

function get(url: string, method = 'GET'): APIGatewayProxyEventV2 {
  const path = new URL(url).pathname;
  return {
    rawPath: path,
    requestContext: { http: { method, path } },
    headers: {},
  } as unknown as APIGatewayProxyEventV2;
}

async function importMain(): Promise<FlowVersion> {
  const files = exampleFlowFiles().filter((f) => f.name === 'main-ivr.json');
  const result = await importFlows(kit.deps, { env: 'prod', files, actor: users.alice, channel: 'cli' });
  await storeImportReports(kit.deps, result, log);
  const version = result.flows[0]?.version;
  if (version === null || version === undefined) throw new Error('main-ivr.json was not stored');
  return version;
}

describe('the HTML report of a version', () => {
  it('is kept with the version when the import stores it', async () => {
    const version = await importMain();

    const kept = kit.files.objects.get(reportKey('prod', version.flowKey, version.number));

    expect(kept?.contentType).toBe('text/html; charset=utf-8');
    expect(new TextDecoder().decode(kept?.body)).toContain(`<h1>${version.name}</h1>`);
  });

  it('is served to a signed link as a page that loads nothing from elsewhere', async () => {
    const version = await importMain();

    const response = await handler()(get(link('prod', version.flowKey, version.number)));

    expect(response.statusCode).toBe(200);
    expect(response.headers).toMatchObject({
      'content-type': 'text/html; charset=utf-8',
      'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'",
      'cache-control': 'private, no-store',
    });
    expect(response.body).toContain('data-testid="diagram"');
  });

  it('is served behind a custom domain base path, from the route parameter API Gateway passes', async () => {
    const version = await importMain();
    const token = new URL(link('prod', version.flowKey, version.number)).pathname.split('/').at(-1) ?? '';
    const event = {
      ...get(`https://flowgate.example/flowgate/reports/${token}`),
      pathParameters: { token },
    } as APIGatewayProxyEventV2;

    const response = await handler()(event);

    expect(response.statusCode).toBe(200);
  });

  it('is the page kept at import, showing the import as it was', async () => {
    const version = await importMain();
    const key = reportKey('prod', version.flowKey, version.number);
    await kit.files.put(key, new TextEncoder().encode('<p>as kept</p>'));

    const response = await handler()(get(link('prod', version.flowKey, version.number)));

    expect(response.body).toBe('<p>as kept</p>');
  });

  it('is rendered and kept on first open for a version stored without one', async () => {
    const version = await importMain();
    kit.files.objects.delete(reportKey('prod', version.flowKey, version.number));

    const response = await handler()(get(link('prod', version.flowKey, version.number)));

    expect(response.statusCode).toBe(200);
    expect(kit.files.objects.has(reportKey('prod', version.flowKey, version.number))).toBe(true);
  });

  it('says when a link has expired, and when it was never valid', async () => {
    const version = await importMain();
    const url = link('prod', version.flowKey, version.number);
    const forged = url.replace(
      /\/reports\/[\w-]+/,
      `/reports/${Buffer.from('["prod","flow:X",1,9999999999]').toString('base64url')}`,
    );

    kit.clock.advance((REPORT_LINK_SECONDS + 1) * 1000);
    const expired = await handler()(get(url));
    const invalid = await handler()(get(forged));

    expect(expired.statusCode).toBe(403);
    expect(expired.body).toMatch(/expired/);
    expect(invalid.statusCode).toBe(403);
    expect(invalid.body).toMatch(/not a valid flowgate report link/);
  });

  it('is 404 for a version that does not exist, 405 for a write', async () => {
    const version = await importMain();

    const missing = await handler()(get(link('prod', version.flowKey, 99)));
    const post = await handler()(get(link('prod', version.flowKey, version.number), 'POST'));

    expect(missing.statusCode).toBe(404);
    expect(missing.body).toContain('no version 99');
    expect(post.statusCode).toBe(405);
  });

  it('does not fail the import when it cannot be kept (it is rendered on first open instead)', async () => {
    kit.files.put = async () => {
      throw new Error('S3 is down');
    };

    const version = await importMain();

    expect(version.number).toBe(1);
    expect(logged).toEqual([`the report of ${version.flowKey} v1 in prod was not stored`]);
  });

  it('answers 500 without the error when the store fails while serving', async () => {
    const version = await importMain();
    kit.files.get = async () => {
      throw new Error('S3 is down');
    };

    const response = await handler()(get(link('prod', version.flowKey, version.number)));

    expect(response.statusCode).toBe(500);
    expect(response.body).not.toContain('S3 is down');
    expect(logged.at(-1)).toMatch(/could not be served/);
  });
});
