/**
 * What the packaged CloudFormation template must hold, checked after `serverless package` so a
 * serverless.yml edit that widens a role, drops an alarm or hands a secret to the wrong function
 * fails CI instead of reaching an account. The rules are the deployment's promises (README,
 * "Deploying"): one role per function, no wildcard actions, `Resource: '*'` only for Connect
 * (its ARNs are per instance, named in the config), Slack tokens only where Slack is called.
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
});
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
  return parsed.data.Policies.flatMap((policy) =>
    policy.PolicyDocument.Statement.flatMap((statement) => {
      const actions = typeof statement.Action === 'string' ? [statement.Action] : statement.Action;
      const problems = actions
        .filter((action) => action === '*' || action.endsWith(':*'))
        .map((action) => `${name} allows every action of a service (${action})`);
      const anywhere = statement.Resource === '*' || JSON.stringify(statement.Resource) === '["*"]';
      const notConnect = actions.filter((action) => !action.startsWith('connect:'));
      if (anywhere && notConnect.length > 0)
        problems.push(`${name} allows ${notConnect.join(', ')} on every resource`);
      return problems;
    }),
  );
}

/** Every function, and the dead-letter queue, has an alarm. */
function alarmProblems(template: Template, functions: readonly string[]): string[] {
  const watched = new Set(
    Object.values(template.Resources)
      .filter((r) => r.Type === 'AWS::CloudWatch::Alarm')
      .flatMap((alarm) => refsIn(alarm.Properties?.Dimensions)),
  );
  const problems = functions.filter((fn) => !watched.has(fn)).map((fn) => `${fn} has no error alarm`);
  const deadLetters = Object.entries(template.Resources).find(
    ([, r]) => r.Type === 'AWS::SQS::Queue' && r.Properties?.RedrivePolicy === undefined,
  );
  if (deadLetters !== undefined && !watched.has(deadLetters[0]))
    problems.push(`the dead-letter queue ${deadLetters[0]} has no alarm`);
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
