import { z } from 'zod';
import type { FlowgateConfig } from '../core/config.js';
import { parseConfig } from '../core/configSchema.js';
import { ConfigError } from '../core/errors.js';

/**
 * What every Lambda reads from its environment, once, at module scope. Secrets (Slack tokens and
 * signing secret) are resolved into the environment at deploy time, never kept in the config.
 */
const lambdaEnvironment = z.object({
  FLOWGATE_TABLE: z.string().min(1),
  FLOWGATE_BUCKET: z.string().min(1),
  FLOWGATE_QUEUE_URL: z.string().url(),
  /** The flowgate configuration as JSON (packaging turns the YAML file into JSON: no YAML parser in a Lambda). */
  FLOWGATE_CONFIG: z.string().min(1),
  SLACK_BOT_TOKEN: z.string().min(1),
  SLACK_SIGNING_SECRET: z.string().min(1),
  SLACK_BOT_ID: z.string().min(1),
  SLACK_BOT_USER_ID: z.string().min(1),
  SLACK_API_URL: z.string().url().optional(),
  /** Where the HTTP API answers (reports are linked under it); with FLOWGATE_REPORT_SECRET, reports are linked. */
  FLOWGATE_PUBLIC_URL: z.string().url().optional(),
  /** Signs report links; at least 32 characters, so a link cannot be forged by guessing. */
  FLOWGATE_REPORT_SECRET: z.string().min(32).optional(),
  /** After this many deliveries a job's failure is reported to the user (then SQS dead-letters it). */
  FLOWGATE_MAX_RECEIVES: z.coerce.number().int().positive().default(3),
  /** This function's share of Amazon Connect's rate per account and Region (README, "Connect's rate"). */
  FLOWGATE_CONNECT_SHARE: z.coerce
    .number()
    .gt(0, 'a share of the rate is more than 0')
    .lte(1, 'a share of the rate is at most 1 (the whole rate)')
    .default(1),
});

/** The parsed environment of a flowgate Lambda. */
export interface LambdaEnvironment {
  readonly table: string;
  readonly bucket: string;
  readonly queueUrl: string;
  readonly config: FlowgateConfig;
  readonly slack: {
    readonly botToken: string;
    readonly signingSecret: string;
    readonly botId: string;
    readonly botUserId: string;
    readonly apiUrl: string | undefined;
  };
  readonly maxReceives: number;
  /** This function's share (0 < share ≤ 1) of Connect's 2 requests/s, burst 5, per account and Region. */
  readonly connectShare: number;
  /** Where reports are served and how their links are signed; null when reports are not linked. */
  readonly reports: { readonly baseUrl: string; readonly secret: string } | null;
}

/** Reads and checks the environment; names every missing or malformed variable. */
export function readLambdaEnvironment(env: NodeJS.ProcessEnv): LambdaEnvironment {
  const e = checked(lambdaEnvironment, env);
  return {
    table: e.FLOWGATE_TABLE,
    bucket: e.FLOWGATE_BUCKET,
    queueUrl: e.FLOWGATE_QUEUE_URL,
    config: parseConfig(parseJson(e.FLOWGATE_CONFIG), 'FLOWGATE_CONFIG'),
    slack: {
      botToken: e.SLACK_BOT_TOKEN,
      signingSecret: e.SLACK_SIGNING_SECRET,
      botId: e.SLACK_BOT_ID,
      botUserId: e.SLACK_BOT_USER_ID,
      apiUrl: e.SLACK_API_URL,
    },
    maxReceives: e.FLOWGATE_MAX_RECEIVES,
    connectShare: e.FLOWGATE_CONNECT_SHARE,
    reports: reportsOf(e.FLOWGATE_PUBLIC_URL, e.FLOWGATE_REPORT_SECRET),
  };
}

/**
 * What the reports function reads: it serves pages from the table and the bucket and holds no
 * Slack token and no config (it needs neither).
 */
const reportsEnvironment = z.object({
  FLOWGATE_TABLE: z.string().min(1),
  FLOWGATE_BUCKET: z.string().min(1),
  FLOWGATE_REPORT_SECRET: z.string().min(32),
});

/** The reports function's environment. */
export interface ReportsEnvironment {
  readonly table: string;
  readonly bucket: string;
  readonly secret: string;
}

/** Reads and checks the reports function's environment. */
export function readReportsEnvironment(env: NodeJS.ProcessEnv): ReportsEnvironment {
  const e = checked(reportsEnvironment, env);
  return { table: e.FLOWGATE_TABLE, bucket: e.FLOWGATE_BUCKET, secret: e.FLOWGATE_REPORT_SECRET };
}

function checked<T extends z.ZodType>(schema: T, env: NodeJS.ProcessEnv): z.infer<T> {
  const parsed = schema.safeParse(env);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ');
  throw new ConfigError(
    String(parsed.error.issues[0]?.path[0] ?? ''),
    `flowgate's Lambda environment is incomplete: ${problems}`,
  );
}

/** Reports are linked when both halves are there; one without the other is a deployment mistake. */
function reportsOf(baseUrl: string | undefined, secret: string | undefined): LambdaEnvironment['reports'] {
  if (baseUrl === undefined && secret === undefined) return null;
  if (baseUrl === undefined || secret === undefined) {
    const missing = baseUrl === undefined ? 'FLOWGATE_PUBLIC_URL' : 'FLOWGATE_REPORT_SECRET';
    throw new ConfigError(
      missing,
      `flowgate's Lambda environment sets one of FLOWGATE_PUBLIC_URL and FLOWGATE_REPORT_SECRET without the other: set ${missing} too (report links need both)`,
    );
  }
  return { baseUrl, secret };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new ConfigError('FLOWGATE_CONFIG', `FLOWGATE_CONFIG is not JSON (${(error as Error).message})`, {
      cause: error,
    });
  }
}
