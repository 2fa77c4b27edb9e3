import { describe, expect, it } from 'vitest';
import { type Template, templateProblems } from '../../scripts/templateChecks.js';

type Resources = Template['Resources'];

const getAtt = (name: string) => ({ 'Fn::GetAtt': [name, 'Arn'] });

function lambda(role: string, variables: Record<string, unknown> = {}) {
  return {
    Type: 'AWS::Lambda::Function',
    Properties: { Runtime: 'nodejs22.x', Role: getAtt(role), Environment: { Variables: variables } },
  };
}

function role(statements: unknown[]) {
  return {
    Type: 'AWS::IAM::Role',
    Properties: { Policies: [{ PolicyName: 'p', PolicyDocument: { Statement: statements } }] },
  };
}

function alarm(dimension: unknown) {
  return { Type: 'AWS::CloudWatch::Alarm', Properties: { Dimensions: [{ Name: 'X', Value: dimension }] } };
}

const route = (key: string) => ({ Type: 'AWS::ApiGatewayV2::Route', Properties: { RouteKey: key } });

/** A template that keeps every promise: the shape `serverless package` makes of serverless.yml. */
function goodTemplate(): Template {
  const resources: Resources = {
    SlackLambdaFunction: lambda('SlackRole', { SLACK_BOT_TOKEN: 'x' }),
    ReportsLambdaFunction: lambda('ReportsRole', { FLOWGATE_REPORT_SECRET: 'x' }),
    SlackRole: role([
      { Effect: 'Allow', Action: ['sqs:SendMessage'], Resource: getAtt('JobsQueue') },
      { Effect: 'Allow', Action: ['connect:List*'], Resource: '*' },
    ]),
    ReportsRole: role([{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/flowgate/*' }]),
    SlackErrors: alarm({ Ref: 'SlackLambdaFunction' }),
    ReportsErrors: alarm({ Ref: 'ReportsLambdaFunction' }),
    DeadLettersAlarm: alarm(getAtt('JobsDeadLetters')),
    JobsDeadLetters: { Type: 'AWS::SQS::Queue', Properties: {} },
    JobsQueue: { Type: 'AWS::SQS::Queue', Properties: { RedrivePolicy: { maxReceiveCount: 3 } } },
    VersionTable: {
      Type: 'AWS::DynamoDB::Table',
      DeletionPolicy: 'Retain',
      Properties: {
        BillingMode: 'PAY_PER_REQUEST',
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
      },
    },
    Files: {
      Type: 'AWS::S3::Bucket',
      DeletionPolicy: 'Retain',
      Properties: {
        NotificationConfiguration: { LambdaConfigurations: [] },
        LifecycleConfiguration: { Rules: [{ Prefix: 'flowgate/webhook/', ExpirationInDays: 7 }] },
      },
    },
    R1: route('POST /slack/events'),
    R2: route('POST /webhooks/flows'),
    R3: route('GET /webhooks/flows/status/{id}'),
    R4: route('GET /reports/{token}'),
  };
  return { Resources: resources };
}

function withResources(changes: Resources): Template {
  return { Resources: { ...goodTemplate().Resources, ...changes } };
}

describe('templateProblems', () => {
  it('finds nothing wrong in a template that keeps every promise', () => {
    expect(templateProblems(goodTemplate())).toEqual([]);
  });

  it('refuses a wildcard action and a non-Connect action on every resource', () => {
    const problems = templateProblems(
      withResources({
        ReportsRole: role([
          { Effect: 'Allow', Action: 's3:*', Resource: 'arn:aws:s3:::b/*' },
          { Effect: 'Allow', Action: ['dynamodb:GetItem'], Resource: '*' },
        ]),
      }),
    );

    expect(problems).toEqual([
      'ReportsRole allows every action of a service (s3:*)',
      'ReportsRole allows dynamodb:GetItem on every resource',
    ]);
  });

  it('refuses Slack secrets in a function that does not call Slack', () => {
    const problems = templateProblems(
      withResources({ ReportsLambdaFunction: lambda('ReportsRole', { SLACK_BOT_TOKEN: 'x' }) }),
    );

    expect(problems).toEqual(['ReportsLambdaFunction holds Slack secrets it does not use']);
  });

  it('refuses two functions sharing one role', () => {
    const problems = templateProblems(withResources({ ReportsLambdaFunction: lambda('SlackRole') }));

    expect(problems).toContain('SlackLambdaFunction and ReportsLambdaFunction share SlackRole');
  });

  it('names a function without an error alarm, and an unwatched dead-letter queue', () => {
    const { ReportsErrors: _r, DeadLettersAlarm: _d, ...rest } = goodTemplate().Resources;

    expect(templateProblems({ Resources: rest })).toEqual([
      'ReportsLambdaFunction has no error alarm',
      'the dead-letter queue JobsDeadLetters has no alarm',
    ]);
  });

  it('names a missing route, an old runtime, and storage without its safety nets', () => {
    const { R4: _route, ...rest } = goodTemplate().Resources;
    const problems = templateProblems({
      Resources: {
        ...rest,
        SlackLambdaFunction: {
          Type: 'AWS::Lambda::Function',
          Properties: { Runtime: 'nodejs18.x', Role: getAtt('SlackRole') },
        },
        VersionTable: { Type: 'AWS::DynamoDB::Table', Properties: { BillingMode: 'PROVISIONED' } },
        Files: { Type: 'AWS::S3::Bucket', Properties: { NotificationConfiguration: {} } },
      },
    });

    expect(problems).toEqual([
      'SlackLambdaFunction runs nodejs18.x, not nodejs22.x',
      'no HTTP route GET /reports/{token}',
      'the table is not on-demand',
      'the table has no point-in-time recovery',
      'the table has no TTL',
      'deleting the stack would delete the table',
      'the bucket does not expire webhook status files',
      'deleting the stack would delete the bucket',
    ]);
  });
});
