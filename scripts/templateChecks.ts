/**
 * What the packaged CloudFormation template must hold, checked after `serverless package` so a
 * serverless.yml edit that widens a role, drops an alarm or hands a secret to the wrong function
 * fails CI instead of reaching an account. The rules are the deployment's promises (README,
 * "Deploying"): one role per function, every action named (no `s3:*`, no `connect:List*`), no
 * `Resource: '*'` (Connect calls go to the configured instances), `s3:ListBucket` wherever the files
 * bucket is read, the Lex and Lambda calls that go with Connect calls (COMPANIONS), Slack tokens only where Slack is called, S3 drops that fail every retry kept for
 * replay, a TLS-only bucket, a throttled and access-logged HTTP API.
 */
import { z } from 'zod';

const resource = z.object({
  Type: z.string(),
  Properties: z.record(z.string(), z.unknown()).optional(),
  DeletionPolicy: z.string().optional(),
});

/** The part of a template these checks read. */
export const templateSchema = z.object({ Resources: z.record(z.string(), resource) });
export type Template = z.infer<typeof templateSchema>;

/** Functions that call Slack and so hold its token; every other function must not. */
const SLACK_CALLERS: ReadonlySet<string> = new Set([
  'SlackLambdaFunction',
  'WorkerLambdaFunction',
  'S3ImportLambdaFunction',
  'WebhookLambdaFunction',
]);

/** The HTTP routes the Slack app, CI and report links are configured with. */
const ROUTES = [
  'POST /slack/events',
  'POST /webhooks/flows',
  'GET /webhooks/flows/status/{id}',
  'GET /reports/{token}',
];

const statementSchema = z.object({
  Effect: z.string(),
  Action: z.union([z.string(), z.array(z.string())]),
  Resource: z.unknown(),
  Condition: z.unknown().optional(),
});
type Statement = z.infer<typeof statementSchema>;

/** An IAM resource an action is allowed on: the ARN form it needs, and how to write it. */
interface Companion {
  readonly action: string;
  readonly resource: RegExp;
  readonly example: string;
}

const LEX_BOT: Omit<Companion, 'action'> = {
  resource: /^arn:aws[a-z-]*:lex:[a-z0-9-]+:\d{12}:bot\/[^/]+$/,
  example: 'arn:aws:lex:<region>:<account>:bot/*',
};
const LEX_ALIAS: Omit<Companion, 'action'> = {
  resource: /^arn:aws[a-z-]*:lex:[a-z0-9-]+:\d{12}:bot-alias\/[^/]+\/[^/]+$/,
  example: 'arn:aws:lex:<region>:<account>:bot-alias/*/*',
};
const LAMBDA_FUNCTION: Omit<Companion, 'action'> = {
  resource: /^arn:aws[a-z-]*:lambda:[a-z0-9-]+:\d{12}:function:.+$/,
  example: 'arn:aws:lambda:<region>:<account>:function:*',
};

/**
 * Calls that need others: a role allowed `when` must also be allowed each of `needs`, on a
 * resource of the form named, or the call does less than the code expects of it.
 */
const COMPANIONS: readonly {
  readonly when: string;
  readonly needs: readonly Companion[];
  readonly why: string;
}[] = [
  {
    when: 'connect:ListBots',
    needs: [
      { action: 'lex:DescribeBot', ...LEX_BOT },
      { action: 'lex:DescribeBotAlias', ...LEX_ALIAS },
    ],
    why: 'the inventory names the Lex V2 aliases ListBots lists BOT/ALIAS with them',
  },
  // Amazon Connect Administrator Guide, "Required permissions for using custom IAM policies",
  // Flows page: adding a Lambda function, adding a Lex bot (the adding half; flowgate never removes).
  {
    when: 'connect:AssociateLambdaFunction',
    needs: [{ action: 'lambda:AddPermission', ...LAMBDA_FUNCTION }],
    why: "Connect adds its invoke permission to the function's resource policy with the caller's rights",
  },
  {
    when: 'connect:AssociateBot',
    needs: [
      { action: 'lex:CreateResourcePolicy', ...LEX_ALIAS },
      { action: 'lex:UpdateResourcePolicy', ...LEX_ALIAS },
      { action: 'lex:DescribeBotAlias', ...LEX_ALIAS },
    ],
    why: "Connect reads the Lex V2 alias and puts itself in the alias's resource policy with the caller's rights",
  },
];

/** What a Connect statement may name: a configured instance, or everything in it. */
const CONNECT_INSTANCE = /^arn:aws[a-z-]*:connect:[a-z0-9-]+:\d{12}:instance\/[0-9a-f-]+(\/\*)?$/;
const roleSchema = z.object({
  Policies: z
    .array(z.object({ PolicyDocument: z.object({ Statement: z.array(statementSchema) }) }))
    .default([]),
});

/** Every broken promise, one line each; empty when the template keeps them all. */
export function templateProblems(template: Template): string[] {
  const resources = Object.entries(template.Resources);
  const functions = resources.filter(([, r]) => r.Type === 'AWS::Lambda::Function');
  return [
    ...functions.flatMap(([name, fn]) => functionProblems(template, name, fn.Properties ?? {})),
    ...sharedRoles(functions),
    ...resources
      .filter(([, r]) => r.Type === 'AWS::IAM::Role')
      .flatMap(([name, role]) => roleProblems(name, role.Properties ?? {})),
    ...alarmProblems(
      template,
      functions.map(([name]) => name),
    ),
    ...routeProblems(template),
    ...storageProblems(template),
    ...asyncFailureProblems(template),
    ...bucketPolicyProblems(template),
    ...stageProblems(template),
  ];
}

function functionProblems(template: Template, name: string, props: Record<string, unknown>): string[] {
  const problems: string[] = [];
  if (props.Runtime !== 'nodejs22.x') problems.push(`${name} runs ${String(props.Runtime)}, not nodejs22.x`);
  const role = roleName(props.Role);
  if (role === null || template.Resources[role]?.Type !== 'AWS::IAM::Role')
    problems.push(`${name} has no role of its own in the template`);
  const variables = z.object({ Variables: z.record(z.string(), z.unknown()) }).safeParse(props.Environment);
  const names = variables.success ? Object.keys(variables.data.Variables) : [];
  const holdsSlack = names.some((v) => v.startsWith('SLACK_'));
  if (holdsSlack && !SLACK_CALLERS.has(name)) problems.push(`${name} holds Slack secrets it does not use`);
  return problems;
}

/** Names of functions sharing one role (each function's rights are its own). */
function sharedRoles(functions: [string, z.infer<typeof resource>][]): string[] {
  const byRole = new Map<string, string[]>();
  for (const [name, fn] of functions) {
    const role = roleName(fn.Properties?.Role);
    if (role !== null) byRole.set(role, [...(byRole.get(role) ?? []), name]);
  }
  return [...byRole]
    .filter(([, users]) => users.length > 1)
    .map(([role, users]) => `${users.join(' and ')} share ${role}`);
}

function roleProblems(name: string, props: Record<string, unknown>): string[] {
  const parsed = roleSchema.safeParse(props);
  if (!parsed.success) return [`${name}'s policies cannot be read: ${parsed.error.message}`];
  const statements = parsed.data.Policies.flatMap((policy) => policy.PolicyDocument.Statement);
  return [
    ...statements.flatMap((statement) => statementProblems(name, statement)),
    ...listBucketProblems(name, statements),
    ...companionProblems(name, statements),
  ];
}

/** Each call a role may make whose companions it may not make, one line per missing companion. */
function companionProblems(name: string, statements: readonly Statement[]): string[] {
  const allowed = statements.filter((s) => s.Effect === 'Allow');
  const allows = (action: string, resource: RegExp | null) =>
    allowed.some(
      (s) =>
        actionsOf(s).includes(action) &&
        (resource === null || resourcesOf(s.Resource).some((r) => typeof r === 'string' && resource.test(r))),
    );
  return COMPANIONS.filter((c) => allows(c.when, null)).flatMap((c) =>
    c.needs
      .filter((need) => !allows(need.action, need.resource))
      .map((need) => `${name} may call ${c.when} but not ${need.action} on ${need.example}: ${c.why}`),
  );
}

function statementProblems(name: string, statement: Statement): string[] {
  const actions = actionsOf(statement);
  const problems = actions.flatMap((action) => {
    if (action === '*' || action.endsWith(':*'))
      return [`${name} allows every action of a service (${action})`];
    if (action.includes('*'))
      return [`${name} allows ${action}, a wildcard: name each operation the code calls instead`];
    return [];
  });
  const resources = resourcesOf(statement.Resource);
  if (resources.includes('*')) problems.push(`${name} allows ${actions.join(', ')} on every resource`);
  const connect = actions.filter((action) => action.startsWith('connect:'));
  const outside = resources.filter(
    (r): r is string => typeof r === 'string' && r !== '*' && !CONNECT_INSTANCE.test(r),
  );
  if (connect.length > 0 && outside.length > 0)
    problems.push(
      `${name} allows ${connect.join(', ')} on ${outside.join(', ')}: Connect calls go to the configured instances only (arn:aws:connect:<region>:<account>:instance/<id> and instance/<id>/*)`,
    );
  return problems;
}

/**
 * A role that reads objects of a bucket may also list it, with no condition: without
 * `s3:ListBucket` S3 answers a read of a missing key with 403 AccessDenied instead of 404 (S3
 * GetObject documentation), so "not there yet" reads as a failure. A condition on `s3:prefix`
 * does not count: a GetObject carries no prefix, so the condition never matches.
 */
function listBucketProblems(name: string, statements: readonly Statement[]): string[] {
  const allowed = statements.filter((s) => s.Effect === 'Allow');
  const read = new Set(
    allowed
      .filter((s) => actionsOf(s).some((a) => a === 's3:GetObject' || a === 's3:GetObjectVersion'))
      .flatMap((s) => resourcesOf(s.Resource))
      .flatMap((r) => (typeof r === 'string' ? (/^arn:aws[a-z-]*:s3:::([^/]+)\//.exec(r)?.[1] ?? []) : [])),
  );
  return [...read].flatMap((bucket) => {
    const lists = allowed.filter(
      (s) =>
        actionsOf(s).includes('s3:ListBucket') &&
        resourcesOf(s.Resource).some((r) => typeof r === 'string' && r.endsWith(`:s3:::${bucket}`)),
    );
    if (lists.some((s) => s.Condition === undefined)) return [];
    const why = lists.length > 0 ? 'only under a condition, which a GetObject never meets' : 'not at all';
    return [
      `${name} reads bucket ${bucket} but may list it ${why}: allow s3:ListBucket on arn:aws:s3:::${bucket}, or S3 answers a missing key with 403 instead of 404`,
    ];
  });
}

function actionsOf(statement: Statement): string[] {
  return typeof statement.Action === 'string' ? [statement.Action] : statement.Action;
}

function resourcesOf(resource: unknown): unknown[] {
  return Array.isArray(resource) ? resource : [resource];
}

/** Every function, and the dead-letter queue, has an alarm. */
function alarmProblems(template: Template, functions: readonly string[]): string[] {
  const watched = new Set(
    Object.values(template.Resources)
      .filter((r) => r.Type === 'AWS::CloudWatch::Alarm')
      .flatMap((alarm) => refsIn(alarm.Properties?.Dimensions)),
  );
  const problems = functions.filter((fn) => !watched.has(fn)).map((fn) => `${fn} has no error alarm`);
  const deadLetters = Object.entries(template.Resources).filter(
    ([, r]) => r.Type === 'AWS::SQS::Queue' && r.Properties?.RedrivePolicy === undefined,
  );
  for (const [queue] of deadLetters)
    if (!watched.has(queue)) problems.push(`the dead-letter queue ${queue} has no alarm`);
  return problems;
}

function routeProblems(template: Template): string[] {
  const routes = new Set(
    Object.values(template.Resources)
      .filter((r) => r.Type === 'AWS::ApiGatewayV2::Route')
      .map((r) => String(r.Properties?.RouteKey)),
  );
  return ROUTES.filter((route) => !routes.has(route)).map((route) => `no HTTP route ${route}`);
}

/** The table keeps history (point-in-time recovery) and expires what it marks; the queue dead-letters. */
function storageProblems(template: Template): string[] {
  const problems: string[] = [];
  const table = Object.values(template.Resources).find((r) => r.Type === 'AWS::DynamoDB::Table');
  const t = table?.Properties ?? {};
  if (table === undefined) problems.push('no DynamoDB table');
  else {
    if (t.BillingMode !== 'PAY_PER_REQUEST') problems.push('the table is not on-demand');
    if (
      !JSON.stringify(t.PointInTimeRecoverySpecification ?? {}).includes('"PointInTimeRecoveryEnabled":true')
    )
      problems.push('the table has no point-in-time recovery');
    if (!JSON.stringify(t.TimeToLiveSpecification ?? {}).includes('"Enabled":true'))
      problems.push('the table has no TTL');
    if (table.DeletionPolicy !== 'Retain') problems.push('deleting the stack would delete the table');
  }
  const queues = Object.values(template.Resources).filter((r) => r.Type === 'AWS::SQS::Queue');
  if (!queues.some((q) => q.Properties?.RedrivePolicy !== undefined))
    problems.push('the job queue has no dead-letter queue');
  const bucket = Object.values(template.Resources).find(
    (r) => r.Type === 'AWS::S3::Bucket' && r.Properties?.NotificationConfiguration !== undefined,
  );
  if (bucket === undefined) problems.push('no bucket notifies the S3 import function');
  else {
    if (!JSON.stringify(bucket.Properties?.LifecycleConfiguration ?? {}).includes('flowgate/webhook/'))
      problems.push('the bucket does not expire webhook status files');
    if (bucket.DeletionPolicy !== 'Retain') problems.push('deleting the stack would delete the bucket');
  }
  return problems;
}

/**
 * S3 invokes the import asynchronously: after Lambda's retries an event is dropped unless the
 * function has an on-failure destination (the invocation record keeps the S3 event under
 * `requestPayload`, so it can be replayed). Retries and event age are bounded explicitly, and the
 * function's role may send to the queue (Lambda sends with the execution role).
 */
function asyncFailureProblems(template: Template): string[] {
  const resources = Object.entries(template.Resources);
  const notified = resources
    .filter(([, r]) => r.Type === 'AWS::S3::Bucket')
    .flatMap(([, r]) => refsIn(r.Properties?.NotificationConfiguration))
    .filter((name) => template.Resources[name]?.Type === 'AWS::Lambda::Function');
  return [...new Set(notified)].flatMap((fn) => {
    const config = resources.find(
      ([, r]) =>
        r.Type === 'AWS::Lambda::EventInvokeConfig' && refsIn(r.Properties?.FunctionName).includes(fn),
    )?.[1].Properties;
    const destination = refsIn(
      z.object({ OnFailure: z.object({ Destination: z.unknown() }) }).safeParse(config?.DestinationConfig)
        .data?.OnFailure.Destination,
    )[0];
    if (config === undefined || destination === undefined)
      return [`${fn} has no on-failure destination: an S3 drop that fails its retries is lost`];
    const problems: string[] = [];
    if (typeof config.MaximumRetryAttempts !== 'number')
      problems.push(`${fn} does not bound its retries (MaximumRetryAttempts)`);
    if (typeof config.MaximumEventAgeInSeconds !== 'number')
      problems.push(`${fn} does not bound its event age (MaximumEventAgeInSeconds)`);
    const role = roleName(template.Resources[fn]?.Properties?.Role);
    const statements = roleSchema.safeParse(template.Resources[role ?? '']?.Properties ?? {}).data?.Policies;
    const sends = (statements ?? [])
      .flatMap((policy) => policy.PolicyDocument.Statement)
      .some(
        (s) =>
          s.Effect === 'Allow' &&
          actionsOf(s).some(
            (a) => a === 'sqs:SendMessage' || a === 'sns:Publish' || a === 'lambda:InvokeFunction',
          ) &&
          refsIn(s.Resource).includes(destination),
      );
    if (!sends) problems.push(`${role ?? fn} may not send to ${fn}'s on-failure destination ${destination}`);
    return problems;
  });
}

/** The files bucket (the one that notifies the import) refuses every request not made over TLS. */
function bucketPolicyProblems(template: Template): string[] {
  const resources = Object.entries(template.Resources);
  const files = resources.find(
    ([, r]) => r.Type === 'AWS::S3::Bucket' && r.Properties?.NotificationConfiguration !== undefined,
  );
  if (files === undefined) return [];
  const denies = resources
    .filter(([, r]) => r.Type === 'AWS::S3::BucketPolicy' && refsIn(r.Properties?.Bucket).includes(files[0]))
    .flatMap(
      ([, r]) =>
        z
          .object({ Statement: z.array(z.record(z.string(), z.unknown())) })
          .safeParse(r.Properties?.PolicyDocument).data?.Statement ?? [],
    )
    .some(
      (s) =>
        s.Effect === 'Deny' &&
        ['s3:*', '*'].some((a) => resourcesOf(s.Action).includes(a)) &&
        /"aws:SecureTransport":(false|"false")/.test(JSON.stringify(s.Condition ?? {})),
    );
  return denies
    ? []
    : [
        `the files bucket ${files[0]} accepts plain-HTTP requests: add a bucket policy denying s3:* when aws:SecureTransport is false`,
      ];
}

/** Each HTTP API stage throttles its routes and logs every request to a log group that expires. */
function stageProblems(template: Template): string[] {
  const routes = Object.values(template.Resources).some((r) => r.Type === 'AWS::ApiGatewayV2::Route');
  const stages = Object.entries(template.Resources).filter(([, r]) => r.Type === 'AWS::ApiGatewayV2::Stage');
  if (routes && stages.length === 0) return ['the HTTP API has no stage to throttle and log'];
  return stages.flatMap(([name, stage]) => {
    const problems: string[] = [];
    const settings = z
      .object({ ThrottlingBurstLimit: z.number().positive(), ThrottlingRateLimit: z.number().positive() })
      .safeParse(stage.Properties?.DefaultRouteSettings);
    if (!settings.success)
      problems.push(
        `the HTTP API stage ${name} is not throttled (DefaultRouteSettings ThrottlingBurstLimit and ThrottlingRateLimit)`,
      );
    const logs = z
      .object({ DestinationArn: z.unknown() })
      .safeParse(stage.Properties?.AccessLogSettings).data;
    const group = refsIn(logs?.DestinationArn).find(
      (ref) => template.Resources[ref]?.Type === 'AWS::Logs::LogGroup',
    );
    if (group === undefined)
      problems.push(`the HTTP API stage ${name} has no access log (AccessLogSettings to a log group)`);
    else if (typeof template.Resources[group]?.Properties?.RetentionInDays !== 'number')
      problems.push(`the HTTP API access log ${group} is kept forever (no RetentionInDays)`);
    return problems;
  });
}

/** The resources a value names through `Ref` and `Fn::GetAtt`, at any depth. */
function refsIn(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(refsIn);
  if (typeof value !== 'object' || value === null) return [];
  const record = value as Record<string, unknown>;
  const own = [record.Ref, Array.isArray(record['Fn::GetAtt']) ? record['Fn::GetAtt'][0] : undefined];
  return [
    ...own.filter((ref): ref is string => typeof ref === 'string'),
    ...Object.values(record).flatMap(refsIn),
  ];
}

function roleName(role: unknown): string | null {
  const parsed = z.object({ 'Fn::GetAtt': z.tuple([z.string(), z.literal('Arn')]) }).safeParse(role);
  return parsed.success ? parsed.data['Fn::GetAtt'][0] : null;
}
