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

const INSTANCE = 'arn:aws:connect:us-west-2:444455556666:instance/5e2d7c1b-9a4f-4f3e-8b6d-2c1a0f9e8d77';
const LEX_BOTS = 'arn:aws:lex:us-west-2:444455556666:bot/*';
const LEX_ALIASES = 'arn:aws:lex:us-west-2:444455556666:bot-alias/*/*';
const LAMBDA_FUNCTIONS = 'arn:aws:lambda:us-west-2:444455556666:function:*';
const associating = [
  { Effect: 'Allow', Action: ['lambda:AddPermission'], Resource: LAMBDA_FUNCTIONS },
  {
    Effect: 'Allow',
    Action: ['lex:CreateResourcePolicy', 'lex:DescribeBotAlias', 'lex:UpdateResourcePolicy'],
    Resource: LEX_ALIASES,
  },
];
const lexRead = {
  Effect: 'Allow',
  Action: ['lex:DescribeBot', 'lex:DescribeBotAlias'],
  Resource: [LEX_BOTS, LEX_ALIASES],
};
const listBucket = { Effect: 'Allow', Action: ['s3:ListBucket'], Resource: 'arn:aws:s3:::b' };

function s3ImportRole(
  changes: { listBucket?: unknown; sends?: unknown; connect?: unknown; associating?: unknown[] } = {},
) {
  return role([
    {
      Effect: 'Allow',
      Action: ['s3:GetObject', 's3:GetObjectVersion'],
      Resource: 'arn:aws:s3:::b/incoming/*',
    },
    changes.listBucket ?? listBucket,
    changes.sends ?? { Effect: 'Allow', Action: ['sqs:SendMessage'], Resource: getAtt('S3ImportFailures') },
    changes.connect ?? {
      Effect: 'Allow',
      Action: [
        'connect:ListQueues',
        'connect:DescribeContactFlow',
        'connect:CreateContactFlow',
        'connect:AssociateLambdaFunction',
        'connect:AssociateBot',
      ],
      Resource: [INSTANCE, `${INSTANCE}/*`],
    },
    ...(changes.associating ?? associating),
  ]);
}

function eventInvokeConfig(properties: Record<string, unknown> = {}) {
  return {
    Type: 'AWS::Lambda::EventInvokeConfig',
    Properties: {
      FunctionName: { Ref: 'S3ImportLambdaFunction' },
      DestinationConfig: { OnFailure: { Destination: getAtt('S3ImportFailures') } },
      MaximumRetryAttempts: 2,
      MaximumEventAgeInSeconds: 3600,
      Qualifier: '$LATEST',
      ...properties,
    },
  };
}

function bucketPolicy(condition: unknown = { Bool: { 'aws:SecureTransport': 'false' } }) {
  return {
    Type: 'AWS::S3::BucketPolicy',
    Properties: {
      Bucket: { Ref: 'Files' },
      PolicyDocument: {
        Statement: [
          {
            Effect: 'Deny',
            Principal: '*',
            Action: 's3:*',
            Resource: ['arn:aws:s3:::b', 'arn:aws:s3:::b/*'],
            Condition: condition,
          },
        ],
      },
    },
  };
}

function stage(properties: Record<string, unknown> = {}) {
  return {
    Type: 'AWS::ApiGatewayV2::Stage',
    Properties: {
      StageName: '$default',
      DefaultRouteSettings: { ThrottlingBurstLimit: 50, ThrottlingRateLimit: 20 },
      AccessLogSettings: { DestinationArn: getAtt('HttpApiLogGroup'), Format: '{}' },
      ...properties,
    },
  };
}

/** A template that keeps every promise: the shape `serverless package` makes of serverless.yml. */
function goodTemplate(): Template {
  const resources: Resources = {
    SlackLambdaFunction: lambda('SlackRole', { SLACK_BOT_TOKEN: 'x' }),
    ReportsLambdaFunction: lambda('ReportsRole', { FLOWGATE_REPORT_SECRET: 'x' }),
    S3ImportLambdaFunction: lambda('S3ImportRole', { SLACK_BOT_TOKEN: 'x' }),
    SlackRole: role([
      { Effect: 'Allow', Action: ['sqs:SendMessage'], Resource: getAtt('JobsQueue') },
      {
        Effect: 'Allow',
        Action: ['connect:ListQueues', 'connect:ListBots'],
        Resource: [INSTANCE, `${INSTANCE}/*`],
      },
      lexRead,
    ]),
    ReportsRole: role([
      { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/flowgate/*' },
      listBucket,
    ]),
    S3ImportRole: s3ImportRole(),
    S3ImportLambdaEvConf: eventInvokeConfig(),
    SlackErrors: alarm({ Ref: 'SlackLambdaFunction' }),
    ReportsErrors: alarm({ Ref: 'ReportsLambdaFunction' }),
    S3ImportErrors: alarm({ Ref: 'S3ImportLambdaFunction' }),
    DeadLettersAlarm: alarm(getAtt('JobsDeadLetters')),
    S3ImportFailuresAlarm: alarm(getAtt('S3ImportFailures')),
    JobsDeadLetters: { Type: 'AWS::SQS::Queue', Properties: {} },
    S3ImportFailures: { Type: 'AWS::SQS::Queue', Properties: {} },
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
        NotificationConfiguration: { LambdaConfigurations: [{ Function: getAtt('S3ImportLambdaFunction') }] },
        LifecycleConfiguration: { Rules: [{ Prefix: 'flowgate/webhook/', ExpirationInDays: 7 }] },
      },
    },
    FilesBucketPolicy: bucketPolicy(),
    HttpApiStage: stage(),
    HttpApiLogGroup: { Type: 'AWS::Logs::LogGroup', Properties: { RetentionInDays: 30 } },
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

  describe('s3:ListBucket where the files bucket is read', () => {
    it('names a role that reads the bucket but may not list it', () => {
      const problems = templateProblems(
        withResources({
          ReportsRole: role([
            { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/flowgate/*' },
          ]),
        }),
      );

      expect(problems).toEqual([
        'ReportsRole reads bucket b but may list it not at all: allow s3:ListBucket on arn:aws:s3:::b, or S3 answers a missing key with 403 instead of 404',
      ]);
    });

    it('does not count a ListBucket held only under an s3:prefix condition', () => {
      const conditioned = { ...listBucket, Condition: { StringLike: { 's3:prefix': ['incoming/*'] } } };

      expect(
        templateProblems(withResources({ S3ImportRole: s3ImportRole({ listBucket: conditioned }) })),
      ).toEqual([
        'S3ImportRole reads bucket b but may list it only under a condition, which a GetObject never meets: allow s3:ListBucket on arn:aws:s3:::b, or S3 answers a missing key with 403 instead of 404',
      ]);
    });

    it('does not count a ListBucket on another bucket', () => {
      const elsewhere = { ...listBucket, Resource: 'arn:aws:s3:::other' };

      expect(
        templateProblems(withResources({ S3ImportRole: s3ImportRole({ listBucket: elsewhere }) })),
      ).toHaveLength(1);
    });
  });

  describe('S3 drops that fail every retry', () => {
    it('names an S3-invoked function without an on-failure destination', () => {
      const { S3ImportLambdaEvConf: _config, ...rest } = goodTemplate().Resources;

      expect(templateProblems({ Resources: rest })).toEqual([
        'S3ImportLambdaFunction has no on-failure destination: an S3 drop that fails its retries is lost',
      ]);
    });

    it('names unbounded retries and event age', () => {
      const config = eventInvokeConfig();
      const { MaximumRetryAttempts: _r, MaximumEventAgeInSeconds: _a, ...unbounded } = config.Properties;

      expect(
        templateProblems(withResources({ S3ImportLambdaEvConf: { ...config, Properties: unbounded } })),
      ).toEqual([
        'S3ImportLambdaFunction does not bound its retries (MaximumRetryAttempts)',
        'S3ImportLambdaFunction does not bound its event age (MaximumEventAgeInSeconds)',
      ]);
    });

    it('names a role that may not send to the destination, and a destination without an alarm', () => {
      const { S3ImportFailuresAlarm: _alarm, ...rest } = goodTemplate().Resources;
      const sendsElsewhere = { Effect: 'Allow', Action: ['sqs:SendMessage'], Resource: getAtt('JobsQueue') };

      expect(
        templateProblems({ Resources: { ...rest, S3ImportRole: s3ImportRole({ sends: sendsElsewhere }) } }),
      ).toEqual([
        'the dead-letter queue S3ImportFailures has no alarm',
        "S3ImportRole may not send to S3ImportLambdaFunction's on-failure destination S3ImportFailures",
      ]);
    });
  });

  describe('Connect permissions', () => {
    it('refuses a wildcard action name', () => {
      const wildcard = { Effect: 'Allow', Action: ['connect:List*'], Resource: [INSTANCE, `${INSTANCE}/*`] };

      expect(templateProblems(withResources({ S3ImportRole: s3ImportRole({ connect: wildcard }) }))).toEqual([
        'S3ImportRole allows connect:List*, a wildcard: name each operation the code calls instead',
      ]);
    });

    it('refuses Connect on every resource', () => {
      const anywhere = { Effect: 'Allow', Action: ['connect:ListQueues'], Resource: '*' };

      expect(templateProblems(withResources({ S3ImportRole: s3ImportRole({ connect: anywhere }) }))).toEqual([
        'S3ImportRole allows connect:ListQueues on every resource',
      ]);
    });

    it('refuses Connect on something other than an instance', () => {
      const account = { Effect: 'Allow', Action: ['connect:ListQueues'], Resource: 'arn:aws:connect:*:*:*' };

      expect(templateProblems(withResources({ S3ImportRole: s3ImportRole({ connect: account }) }))).toEqual([
        'S3ImportRole allows connect:ListQueues on arn:aws:connect:*:*:*: Connect calls go to the configured instances only (arn:aws:connect:<region>:<account>:instance/<id> and instance/<id>/*)',
      ]);
    });
  });

  describe('what associating a function or a Lex bot needs', () => {
    it('names a role that may associate Lambda functions but not add their invoke permission', () => {
      const [, lex] = associating;

      expect(templateProblems(withResources({ S3ImportRole: s3ImportRole({ associating: [lex] }) }))).toEqual(
        [
          "S3ImportRole may call connect:AssociateLambdaFunction but not lambda:AddPermission on arn:aws:lambda:<region>:<account>:function:*: Connect adds its invoke permission to the function's resource policy with the caller's rights",
        ],
      );
    });

    it('names each Lex resource-policy call a role may not make on bot aliases', () => {
      const [lambda] = associating;
      const onBots = {
        Effect: 'Allow',
        Action: ['lex:CreateResourcePolicy', 'lex:DescribeBotAlias'],
        Resource: LEX_BOTS,
      };

      expect(
        templateProblems(withResources({ S3ImportRole: s3ImportRole({ associating: [lambda, onBots] }) })),
      ).toEqual(
        ['lex:CreateResourcePolicy', 'lex:UpdateResourcePolicy', 'lex:DescribeBotAlias'].map(
          (action) =>
            `S3ImportRole may call connect:AssociateBot but not ${action} on arn:aws:lex:<region>:<account>:bot-alias/*/*: Connect reads the Lex V2 alias and puts itself in the alias's resource policy with the caller's rights`,
        ),
      );
    });
  });

  describe('Lex V2 names in the inventory', () => {
    it('names a role that lists bots but may not describe them', () => {
      const slack = role([
        { Effect: 'Allow', Action: ['connect:ListBots'], Resource: [INSTANCE, `${INSTANCE}/*`] },
      ]);

      expect(templateProblems(withResources({ SlackRole: slack }))).toEqual([
        'SlackRole may call connect:ListBots but not lex:DescribeBot on arn:aws:lex:<region>:<account>:bot/*: the inventory names the Lex V2 aliases ListBots lists BOT/ALIAS with them',
        'SlackRole may call connect:ListBots but not lex:DescribeBotAlias on arn:aws:lex:<region>:<account>:bot-alias/*/*: the inventory names the Lex V2 aliases ListBots lists BOT/ALIAS with them',
      ]);
    });

    it('does not count DescribeBotAlias allowed only on bots', () => {
      const slack = role([
        { Effect: 'Allow', Action: ['connect:ListBots'], Resource: [INSTANCE, `${INSTANCE}/*`] },
        { ...lexRead, Resource: LEX_BOTS },
      ]);

      expect(templateProblems(withResources({ SlackRole: slack }))).toEqual([
        'SlackRole may call connect:ListBots but not lex:DescribeBotAlias on arn:aws:lex:<region>:<account>:bot-alias/*/*: the inventory names the Lex V2 aliases ListBots lists BOT/ALIAS with them',
      ]);
    });
  });

  describe('TLS-only bucket, throttled and logged HTTP API', () => {
    it('names a files bucket without a policy refusing plain HTTP', () => {
      const { FilesBucketPolicy: _policy, ...rest } = goodTemplate().Resources;
      const message =
        'the files bucket Files accepts plain-HTTP requests: add a bucket policy denying s3:* when aws:SecureTransport is false';

      expect(templateProblems({ Resources: rest })).toEqual([message]);
      expect(templateProblems(withResources({ FilesBucketPolicy: bucketPolicy({}) }))).toEqual([message]);
    });

    it('names a stage without throttling', () => {
      expect(templateProblems(withResources({ HttpApiStage: stage({ DefaultRouteSettings: {} }) }))).toEqual([
        'the HTTP API stage HttpApiStage is not throttled (DefaultRouteSettings ThrottlingBurstLimit and ThrottlingRateLimit)',
      ]);
    });

    it('names a stage without an access log, and an access log kept forever', () => {
      const { AccessLogSettings: _logs, ...unlogged } = stage().Properties;

      expect(templateProblems(withResources({ HttpApiStage: { ...stage(), Properties: unlogged } }))).toEqual(
        ['the HTTP API stage HttpApiStage has no access log (AccessLogSettings to a log group)'],
      );
      expect(
        templateProblems(withResources({ HttpApiLogGroup: { Type: 'AWS::Logs::LogGroup', Properties: {} } })),
      ).toEqual(['the HTTP API access log HttpApiLogGroup is kept forever (no RetentionInDays)']);
    });

    it('names an HTTP API without a stage', () => {
      const { HttpApiStage: _stage, ...rest } = goodTemplate().Resources;

      expect(templateProblems({ Resources: rest })).toEqual([
        'the HTTP API has no stage to throttle and log',
      ]);
    });
  });
});
