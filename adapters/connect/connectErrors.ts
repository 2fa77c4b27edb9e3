import { z } from 'zod';
import { ContactCenterError } from '../../core/errors.js';
import { problemDiagnostics } from './problemDiagnostics.js';

/** What was being attempted when Connect failed, for the message and for problems on blocks. */
export interface CallContext {
  /** The API (`CreateContactFlow`). */
  readonly api: string;
  /** What it was about, in words (`flow "Main IVR"`, `module 1f2e…`); empty for instance-wide reads. */
  readonly subject: string;
  /** The content written, when the call wrote some: problems are matched against its blocks. */
  readonly write?: { readonly kind: 'flow' | 'module'; readonly content: string };
}

/** The fields of an SDK service exception we read; both spellings of `problems` occur (flows, modules). */
const serviceException = z.object({
  name: z.string(),
  message: z.string().optional(),
  $fault: z.enum(['client', 'server']).optional(),
  problems: z.array(z.object({ message: z.string().optional() })).optional(),
  Problems: z.array(z.object({ message: z.string().optional() })).optional(),
});

type ServiceException = z.infer<typeof serviceException>;

/** Exception names and the `ContactCenterError` code each becomes. */
const CODES: Readonly<Record<string, { readonly code: string; readonly retryable: boolean }>> = {
  InvalidContactFlowException: { code: 'invalid-flow', retryable: false },
  InvalidContactFlowModuleException: { code: 'invalid-flow', retryable: false },
  DuplicateResourceException: { code: 'duplicate-name', retryable: false },
  ResourceNotFoundException: { code: 'not-found', retryable: false },
  ThrottlingException: { code: 'throttled', retryable: true },
  TooManyRequestsException: { code: 'throttled', retryable: true },
  LimitExceededException: { code: 'limit-exceeded', retryable: false },
  ServiceQuotaExceededException: { code: 'limit-exceeded', retryable: false },
  AccessDeniedException: { code: 'access-denied', retryable: false },
  InvalidParameterException: { code: 'invalid-request', retryable: false },
  InvalidRequestException: { code: 'invalid-request', retryable: false },
  ValidationException: { code: 'invalid-request', retryable: false },
  InternalServiceException: { code: 'service-error', retryable: true },
};

/** The exception's name (`ResourceNotFoundException`), or null for anything that is not one. */
export function exceptionName(error: unknown): string | null {
  const parsed = serviceException.safeParse(error);
  return parsed.success ? parsed.data.name : null;
}

/**
 * Any failure of a Connect call as a `ContactCenterError`: validation problems become diagnostics
 * on the blocks they name; throttling that outlasted the SDK's retries and server faults are
 * marked retryable; a failure that never reached Connect (network, credentials) says so.
 */
export function toContactCenterError(error: unknown, context: CallContext): ContactCenterError {
  if (error instanceof ContactCenterError) return error;
  const parsed = serviceException.safeParse(error);
  if (!parsed.success || !(error instanceof Error)) {
    return new ContactCenterError('connect-error', `${lead(context)} failed: ${String(error)}`, [], {
      cause: error,
    });
  }
  const exception = parsed.data;
  const known = CODES[exception.name];
  const code = known?.code ?? (exception.$fault === 'server' ? 'service-error' : 'connect-error');
  const retryable = known?.retryable ?? exception.$fault === 'server';
  const detail =
    exception.message === undefined || exception.message === '' ? exception.name : exception.message;
  if (code === 'invalid-flow') return invalidFlow(exception, detail, context, error);
  return new ContactCenterError(code, `${lead(context)} failed: ${detail} (${exception.name}).`, [], {
    cause: error,
    retryable,
  });
}

function invalidFlow(
  exception: ServiceException,
  detail: string,
  context: CallContext,
  cause: Error,
): ContactCenterError {
  const messages = [...(exception.problems ?? []), ...(exception.Problems ?? [])]
    .map((p) => p.message ?? '')
    .filter((m) => m !== '');
  const problems = messages.length > 0 ? messages : [detail];
  const write = context.write ?? { kind: 'flow' as const, content: '' };
  const diagnostics = problemDiagnostics(problems, write.content, write.kind);
  const listed = problems.length === 1 ? problems[0] : `${problems.length} problems`;
  return new ContactCenterError(
    'invalid-flow',
    `${lead(context)} was refused by Amazon Connect's validation: ${listed}.`,
    diagnostics,
    { cause },
  );
}

function lead(context: CallContext): string {
  return context.subject === '' ? context.api : `${context.api} for ${context.subject}`;
}
