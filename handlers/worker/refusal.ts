import { ActionValueError } from '../../blocks/actionIds.js';
import { FlowgateError, ServiceError } from '../../core/errors.js';

/**
 * The worker itself refused a request the way a use case would: a command missing its flow, a
 * choice made in an out-of-date message. The user is told why; nothing is retried.
 */
export class WorkerRefusal extends FlowgateError {
  constructor(message: string) {
    super('refused', message);
    this.name = 'WorkerRefusal';
  }
}

/**
 * True for errors that answer the user rather than fail the job: use case refusals (role, self
 * approval, a decided or stale request, drift, not publishable, unknown flow…), action values that
 * are not flowgate's (forged or from an old message), and the worker's own refusals.
 */
export function isRefusal(error: unknown): error is FlowgateError {
  return error instanceof ServiceError || error instanceof ActionValueError || error instanceof WorkerRefusal;
}
