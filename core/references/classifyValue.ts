import type { ValueKind } from './types.js';

/**
 * Template placeholders seen in flows kept in repositories (flow-format.md 1.5 and the corpus):
 * Handlebars `{{x}}`, Terraform / CloudFormation / custom `${x}` (also `${P:name:P}`),
 * `%%X%%`, `<<X>>`, `<REGION>`, `#{x}`, `@@X@@`, `$(X)`, `__X__` and single-brace `{x}`.
 * Braces and angle brackets never occur in a real ARN or id, so any of these marks a template.
 */
const PLACEHOLDER_PATTERNS = [
  /\{\{[^}]*\}\}/,
  /\$\{[^}]*\}/,
  /%%[^%]+%%/,
  /<<[^>]+>>/,
  /<[A-Za-z_][\w-]*>/,
  /#\{[^}]*\}/,
  /@@[^@]+@@/,
  /\$\([A-Za-z_][\w.]*\)/,
  /__[A-Z][A-Z0-9_]*__/,
  /\{[A-Za-z_][\w.:-]*\}/,
];

const PLACEHOLDER_SOURCE = PLACEHOLDER_PATTERNS.map((p) => p.source).join('|');
const PLACEHOLDER = new RegExp(PLACEHOLDER_SOURCE);
const PLACEHOLDERS = new RegExp(PLACEHOLDER_SOURCE, 'g');

/** A JSONPath embedded in a larger value, e.g. the region of `arn:aws:lambda:$.AwsRegion:…`. */
const EMBEDDED_JSONPATH = /(?:^|[:/])\$\.[A-Za-z_]/;

/** An id as the API writes one: a UUID, or a token such as an AWS-managed view id (`confirmation`). */
const ID_TOKEN = /^[A-Za-z0-9_-]+$/;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * What a reference value is. A whole-value JSONPath is `dynamic`; a template placeholder anywhere
 * makes it a `placeholder` (a template fills it in later, so it is neither an ARN nor an id yet);
 * `arn:` is an `arn`; an id-like token is an `id`; anything else, including free text such as
 * "ENTER AGENT NAME" and the empty string, is a `name`.
 */
export function classifyValue(value: string): ValueKind {
  if (value.startsWith('$.')) return 'dynamic';
  if (hasPlaceholder(value)) return 'placeholder';
  if (EMBEDDED_JSONPATH.test(value)) return 'dynamic';
  if (value.startsWith('arn:')) return 'arn';
  if (ID_TOKEN.test(value)) return 'id';
  return 'name';
}

/** True when `value` holds a template placeholder anywhere. */
export function hasPlaceholder(value: string): boolean {
  return PLACEHOLDER.test(value);
}

/**
 * `value` with each placeholder replaced by `mask`, so the fixed parts of a templated ARN
 * (`arn:${AWS::Partition}:connect:…/queue/${Q}`) can still be read.
 */
export function maskPlaceholders(value: string, mask: string): string {
  return value.replace(PLACEHOLDERS, mask);
}

/** True for a UUID in any case. */
export function isUuid(value: string): boolean {
  return UUID.test(value);
}
