import { maskPlaceholders } from './classifyValue.js';
import { CONNECT_ARN_KINDS, type ResourceKind } from './types.js';

/**
 * Tolerant ARN reading for reference tracing. Unlike `resolve/arn.ts`, which parses ARNs it will
 * compare and rebuild, this reads templated ARNs too (`arn:${AWS::Partition}:connect:…/queue/${Q}`):
 * a value still names its kind of resource while its account and ids wait for a template.
 */
interface LooseArn {
  readonly service: string;
  readonly region: string;
  readonly account: string;
  readonly resource: string;
}

/** Placeholders become this token: it holds no `:` or `/`, so the ARN's fields stay where they are. */
const MASK = 'TEMPLATE';

/**
 * The kind of resource an ARN (possibly templated) points at: a Connect queue, flow, module,
 * prompt, hours, agent, quick connect, task template or view; a Lambda function; a Lex V2 bot
 * alias. `null` for anything else (Lex V1 bots are referenced by name, not ARN).
 */
export function arnResourceKind(value: string): ResourceKind | null {
  const arn = readArn(value);
  if (arn === null) return null;
  if (arn.service === 'lambda') return arn.resource.startsWith('function:') ? 'lambda' : null;
  if (arn.service === 'lex') return arn.resource.startsWith('bot-alias/') ? 'lex-bot' : null;
  if (arn.service !== 'connect') return null;
  const type = connectResourceType(arn.resource);
  return type !== null && Object.hasOwn(CONNECT_ARN_KINDS, type) ? (CONNECT_ARN_KINDS[type] ?? null) : null;
}

/** The function name of a Lambda ARN (`…:function:NAME[:ALIAS]` → `NAME`), or `null`. */
export function lambdaFunctionName(value: string): string | null {
  const arn = readArn(value);
  if (arn === null || arn.service !== 'lambda') return null;
  const [type, name] = arn.resource.split(':');
  return type === 'function' && name !== undefined && name !== '' && !name.includes(MASK) ? name : null;
}

/** True for an AWS-managed view ARN (`arn:aws:connect:REGION:aws:view/ID`), the same in every account. */
export function isAwsManagedViewArn(value: string): boolean {
  const arn = readArn(value);
  return (
    arn !== null && arn.service === 'connect' && arn.account === 'aws' && arn.resource.startsWith('view/')
  );
}

/** Region and alias of a Lex V1 ARN (`arn:aws:lex:REGION:ACCOUNT:bot:NAME[:ALIAS]`), or `null`. */
export function lexV1BotOfArn(value: string): { region: string; alias: string | null } | null {
  const arn = readArn(value);
  if (arn === null || arn.service !== 'lex') return null;
  const [type, name, alias] = arn.resource.split(':');
  if (type !== 'bot' || name === undefined || name === '') return null;
  return { region: arn.region, alias: alias === undefined || alias === '' ? null : alias };
}

function readArn(value: string): LooseArn | null {
  if (!value.startsWith('arn:')) return null;
  const fields = maskPlaceholders(value, MASK).split(':');
  if (fields.length < 6) return null;
  const [, , service = '', region = '', account = ''] = fields;
  return { service, region, account, resource: fields.slice(5).join(':') };
}

/** `instance/I/TYPE/ID` → `TYPE`; `view/ID` (AWS-managed) → `view`; `null` for other shapes. */
function connectResourceType(resource: string): string | null {
  const segments = resource.split('/');
  if (segments[0] === 'instance') return segments.length >= 4 ? (segments[2] ?? null) : null;
  return segments[0] === 'view' ? 'view' : null;
}
