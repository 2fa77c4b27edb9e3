import { isJsonObject, type Json } from '../../json.js';
import { queueOrAgent } from './contactConverters.js';
import {
  type BranchTable,
  type ConvertedModule,
  type ModuleContext,
  SUCCESS_ERROR,
  type Unconvertible,
} from './converterTypes.js';
import { isTruthy, scalarText } from './legacyValues.js';
import { lookup, setOwn } from './ownKeys.js';

/*
 * Legacy blocks that steer the flow: checks, loops, waits, transfers to flows, logging and
 * Lambda calls. Mapping: flow-format.md section 4.3.
 */

type MutableObject = Record<string, Json>;

/** CheckAttribute → Compare: `Attribute` read in `Namespace` becomes `ComparisonValue`. */
export function convertCheckAttribute(ctx: ModuleContext): ConvertedModule {
  const attribute = ctx.param('Attribute');
  const namespace = ctx.text('Namespace');
  const parameters: MutableObject = {};
  if (attribute !== undefined) {
    parameters.ComparisonValue = ctx.valueOf({ ...attribute, namespace: namespace ?? attribute.namespace });
  }
  return {
    type: 'Compare',
    parameters,
    branches: {
      Evaluate: { slot: 'evaluate' },
      NoMatch: { slot: 'error', errorType: 'NoMatchingCondition' },
    },
    fallback: ['NoMatch'],
  };
}

const STAFFING_METRICS: Readonly<Record<string, string>> = {
  Available: 'NumberOfAgentsAvailable',
  Staffed: 'NumberOfAgentsStaffed',
  Online: 'NumberOfAgentsOnline',
};

/** CheckStaffing → CheckMetricData: True when the agent count is above zero. */
export function convertCheckStaffing(ctx: ModuleContext): ConvertedModule | Unconvertible {
  const status = ctx.text('Status') ?? '';
  const metric = lookup(STAFFING_METRICS, status);
  if (metric === undefined) return { unconvertible: `its staffing status "${status}" is not known` };
  return {
    type: 'CheckMetricData',
    parameters: { MetricType: metric, ...queueOrAgent(ctx) },
    branches: {
      True: { slot: 'condition', operator: 'NumberGreaterThan', operand: '0' },
      False: { slot: 'error', errorType: 'NoMatchingCondition' },
      Error: { slot: 'error', errorType: 'NoMatchingError' },
    },
  };
}

/** Legacy queue-time conditions are in milliseconds (300000 for "5 min."); the metric is in seconds. */
function millisecondsToSeconds(value: Json | undefined): string {
  const text = scalarText(value);
  const ms = Number(text);
  return text.trim() !== '' && Number.isFinite(ms) ? String(ms / 1000) : text;
}

const QUEUE_STATUS_METRICS: Readonly<Record<string, string>> = {
  CheckQueueTime: 'OldestContactInQueueAgeSeconds',
  CheckQueueSize: 'NumberOfContactsInQueue',
};

/**
 * CheckQueueStatus → CheckMetricData. One action tests one metric, so a block that tests both
 * the time in queue and the queue size cannot be converted.
 */
export function convertCheckQueueStatus(ctx: ModuleContext): ConvertedModule | Unconvertible {
  const tested = new Set(
    (ctx.module.branches ?? []).map((b) => b.condition).filter((c) => Object.hasOwn(QUEUE_STATUS_METRICS, c)),
  );
  if (tested.size > 1) {
    return {
      unconvertible: 'it tests both time in queue and queue size, and one Flow Language action tests one',
    };
  }
  const metric = tested.has('CheckQueueSize') ? 'NumberOfContactsInQueue' : 'OldestContactInQueueAgeSeconds';
  return {
    type: 'CheckMetricData',
    parameters: { MetricType: metric, ...queueOrAgent(ctx) },
    branches: {
      CheckQueueTime: { slot: 'evaluate', operand: millisecondsToSeconds },
      CheckQueueSize: { slot: 'evaluate' },
      NoMatch: { slot: 'error', errorType: 'NoMatchingCondition' },
      Error: { slot: 'error', errorType: 'NoMatchingError' },
    },
  };
}

/** GetMetricData → GetMetricData (loads queue metrics into `$.Metrics`). */
export function convertGetMetricData(ctx: ModuleContext): ConvertedModule {
  return { type: 'GetMetricData', parameters: queueOrAgent(ctx), branches: SUCCESS_ERROR };
}

/** CheckHoursOfOperation → CheckHoursOfOperation; without `Hours` it uses the working queue's hours. */
export function convertCheckHours(ctx: ModuleContext): ConvertedModule {
  const parameters: MutableObject = {};
  const hours = ctx.param('Hours');
  if (hours !== undefined) parameters.HoursOfOperationId = ctx.valueOf(hours, ['HoursOfOperationId']);
  return {
    type: 'CheckHoursOfOperation',
    parameters,
    branches: {
      True: { slot: 'condition', operator: 'Equals', operand: 'True' },
      False: { slot: 'condition', operator: 'Equals', operand: 'False' },
      Error: { slot: 'error', errorType: 'NoMatchingError' },
    },
  };
}

/** Loop → Loop. */
export function convertLoop(ctx: ModuleContext): ConvertedModule {
  const parameters: MutableObject = {};
  const count = ctx.value('LoopCount');
  if (count !== undefined) parameters.LoopCount = count;
  return {
    type: 'Loop',
    parameters,
    branches: {
      Looping: { slot: 'condition', operator: 'Equals', operand: 'ContinueLooping' },
      Complete: { slot: 'condition', operator: 'Equals', operand: 'DoneLooping' },
    },
    fallback: ['Complete'],
  };
}

/** Wait → Wait; a `CustomerReturn` branch (or the option) waits for the `CustomerReturned` event too. */
export function convertWait(ctx: ModuleContext): ConvertedModule {
  const parameters: MutableObject = {};
  const seconds = ctx.value('TimeoutSeconds');
  if (seconds !== undefined) parameters.TimeLimitSeconds = seconds;
  const interrupt = isTruthy(ctx.param('InterruptOnCustomerReturn')?.value);
  const hasReturnBranch = (ctx.module.branches ?? []).some((b) => b.condition === 'CustomerReturn');
  if (interrupt || hasReturnBranch) parameters.Events = ['CustomerReturned'];
  return {
    type: 'Wait',
    parameters,
    branches: {
      Timeout: { slot: 'condition', operator: 'Equals', operand: 'WaitCompleted' },
      CustomerReturn: { slot: 'condition', operator: 'Equals', operand: 'CustomerReturned' },
      Error: { slot: 'error', errorType: 'NoMatchingError' },
    },
  };
}

/** Resume → EndFlowExecution (terminal). */
export function convertResume(): ConvertedModule {
  return { type: 'EndFlowExecution', parameters: {}, branches: {} };
}

const TRANSFER_TO_FLOW_BRANCHES: BranchTable = { Error: { slot: 'error', errorType: 'NoMatchingError' } };

/**
 * Transfer / Flow (and the deprecated TransferToFlow) → TransferToFlow. When the parameter has
 * no `resourceName`, the name shown in `metadata.ContactFlow.text` is used as the display name.
 */
export function convertTransferToFlow(ctx: ModuleContext): ConvertedModule {
  const flow = ctx.param('ContactFlowId');
  const parameters: MutableObject = {};
  if (flow !== undefined) {
    parameters.ContactFlowId = ctx.valueOf(flow, ['ContactFlowId']);
    const shown = ctx.module.metadata?.ContactFlow;
    const text = isJsonObject(shown) ? shown.text : undefined;
    const named = typeof flow.resourceName === 'string' && flow.resourceName !== '';
    if (!named && typeof text === 'string' && text !== '') ctx.displayName(['ContactFlowId'], text);
  }
  return { type: 'TransferToFlow', parameters, branches: TRANSFER_TO_FLOW_BRANCHES };
}

const LOGGING: Readonly<Record<string, string>> = { Enable: 'Enabled', Disable: 'Disabled' };

/** SetLoggingBehavior → UpdateFlowLoggingBehavior. */
export function convertSetLogging(ctx: ModuleContext): ConvertedModule | Unconvertible {
  const option = ctx.text('LoggingBehavior') ?? '';
  const behavior = lookup(LOGGING, option);
  if (behavior === undefined) return { unconvertible: `its logging behavior "${option}" is not known` };
  return {
    type: 'UpdateFlowLoggingBehavior',
    parameters: { FlowLoggingBehavior: behavior },
    branches: SUCCESS_ERROR,
  };
}

/** InvokeExternalResource / Lambda → InvokeLambdaFunction; `Parameter {key, value}` → invocation attributes. */
export function convertInvokeLambda(ctx: ModuleContext): ConvertedModule {
  const fn = ctx.param('FunctionArn');
  const parameters: MutableObject = {
    LambdaFunctionARN: fn === undefined ? '' : ctx.valueOf(fn, ['LambdaFunctionARN']),
  };
  const limit = ctx.value('TimeLimit');
  if (limit !== undefined) parameters.InvocationTimeLimitSeconds = limit;
  const attributes: MutableObject = {};
  for (const p of ctx.params('Parameter')) {
    const key = p.key === undefined || p.key === null ? '' : String(p.key);
    if (key === '') {
      ctx.warn(
        'legacy-field-dropped',
        `Module ${ctx.module.id}: a Lambda input with value "${scalarText(p.value)}" has no key and was dropped.`,
        'Add the function input parameter again in the AWS Lambda function block.',
      );
      continue;
    }
    setOwn(attributes, key, ctx.valueOf(p));
  }
  if (Object.keys(attributes).length > 0) parameters.LambdaInvocationAttributes = attributes;
  return { type: 'InvokeLambdaFunction', parameters, branches: SUCCESS_ERROR };
}
