import { describe, expect, it } from 'vitest';
import { readLambdaEnvironment, readReportsEnvironment } from '../../app/environment.js';
import { ConfigError } from '../../core/errors.js';

const complete = {
  FLOWGATE_TABLE: 'flowgate',
  FLOWGATE_BUCKET: 'flowgate-files',
  FLOWGATE_QUEUE_URL: 'https://sqs.us-west-2.amazonaws.com/444455556666/flowgate-jobs',
  FLOWGATE_CONFIG: JSON.stringify({
    environments: {
      prod: {
        connect: {
          instanceArn: 'arn:aws:connect:us-west-2:444455556666:instance/5e2d7c1b-9a4f-4f3e-8b6d-2c1a0f9e8d77',
          region: 'us-west-2',
        },
        channels: ['C0PROD'],
      },
    },
    roles: { publishers: ['U0BOB'] },
  }),
  SLACK_BOT_TOKEN: 'xoxb-1',
  SLACK_SIGNING_SECRET: 'secret',
  SLACK_BOT_ID: 'B1',
  SLACK_BOT_USER_ID: 'U1',
};

describe('readLambdaEnvironment', () => {
  it('reads the settings and the JSON config when everything is set', () => {
    const env = readLambdaEnvironment(complete);

    expect(env.table).toBe('flowgate');
    expect(env.config.environments.prod?.channels).toEqual(['C0PROD']);
    expect(env.maxReceives).toBe(3);
  });

  it("takes the whole of Connect's rate unless FLOWGATE_CONNECT_SHARE gives a share", () => {
    expect(readLambdaEnvironment(complete).connectShare).toBe(1);
    expect(readLambdaEnvironment({ ...complete, FLOWGATE_CONNECT_SHARE: '0.2' }).connectShare).toBe(0.2);
  });

  it('refuses a share of the rate above 1, naming the variable', () => {
    expect(() => readLambdaEnvironment({ ...complete, FLOWGATE_CONNECT_SHARE: '2' })).toThrow(
      /FLOWGATE_CONNECT_SHARE.*at most 1/,
    );
  });

  it('names every missing variable', () => {
    const { SLACK_SIGNING_SECRET: _s, FLOWGATE_TABLE: _t, ...partial } = complete;

    expect(() => readLambdaEnvironment(partial)).toThrow(ConfigError);
    expect(() => readLambdaEnvironment(partial)).toThrow(
      /FLOWGATE_TABLE.*SLACK_SIGNING_SECRET|SLACK_SIGNING_SECRET.*FLOWGATE_TABLE/,
    );
  });

  it('refuses a config with a secret in it, naming the variable', () => {
    const withSecret = {
      ...complete,
      FLOWGATE_CONFIG: JSON.stringify({ environments: {}, roles: {}, slackToken: 'xoxb-123' }),
    };

    expect(() => readLambdaEnvironment(withSecret)).toThrow(/FLOWGATE_CONFIG/);
  });

  it('links reports only when both the public URL and the report secret are set', () => {
    const secret = 'r'.repeat(32);
    const linked = readLambdaEnvironment({
      ...complete,
      FLOWGATE_PUBLIC_URL: 'https://abc123.execute-api.us-west-2.amazonaws.com',
      FLOWGATE_REPORT_SECRET: secret,
    });

    expect(readLambdaEnvironment(complete).reports).toBeNull();
    expect(linked.reports).toEqual({ baseUrl: 'https://abc123.execute-api.us-west-2.amazonaws.com', secret });
    expect(() => readLambdaEnvironment({ ...complete, FLOWGATE_REPORT_SECRET: secret })).toThrow(
      /set FLOWGATE_PUBLIC_URL too/,
    );
    expect(() =>
      readLambdaEnvironment({
        ...complete,
        FLOWGATE_PUBLIC_URL: 'https://x.example',
        FLOWGATE_REPORT_SECRET: 'short',
      }),
    ).toThrow(/FLOWGATE_REPORT_SECRET/);
  });
});

describe('readReportsEnvironment', () => {
  it('needs the table, the bucket and the report secret, and no Slack token', () => {
    const env = readReportsEnvironment({
      FLOWGATE_TABLE: 'flowgate',
      FLOWGATE_BUCKET: 'flowgate-files',
      FLOWGATE_REPORT_SECRET: 'r'.repeat(32),
    });

    expect(env).toEqual({ table: 'flowgate', bucket: 'flowgate-files', secret: 'r'.repeat(32) });
    expect(() => readReportsEnvironment({ FLOWGATE_TABLE: 't', FLOWGATE_BUCKET: 'b' })).toThrow(
      /FLOWGATE_REPORT_SECRET/,
    );
  });
});
