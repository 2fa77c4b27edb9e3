import type { z } from 'zod';
import type { Diagnostic } from '../diagnostics.js';
import type { FlowContainer, FlowFormat, TextStyle } from '../flow.js';
import { formatPath, getAt, isJsonObject, type JsonObject } from '../json.js';
import { invalidContainer, invalidContentJson, repairedContentEscape } from './fileDiagnostics.js';
import { type ContainerFacts, idFromArn, parseFlowKind, presentText } from './flowFacts.js';
import { checkJsonText } from './jsonChecks.js';
import { jsonTextDiagnostics, nestedTooDeep } from './jsonFindings.js';
import { parseJsonText, repairQuoteEscapes } from './jsonText.js';
import { describeContactFlowModuleSchema, describeContactFlowSchema, flowWrapperSchema } from './schemas.js';
import { detectTextStyle } from './textStyle.js';

/** The formats whose flow sits in a `Content` field. */
export type ContentContainerFormat = Extract<
  FlowFormat,
  'describe-contact-flow' | 'describe-contact-flow-module' | 'wrapper'
>;

/** A container opened: the document inside (not yet checked), what the container says, how to rebuild it. */
export type UnwrapResult =
  | {
      readonly ok: true;
      readonly doc: unknown;
      readonly facts: ContainerFacts;
      readonly container: FlowContainer;
      readonly diagnostics: readonly Diagnostic[];
    }
  | { readonly ok: false; readonly diagnostics: readonly Diagnostic[] };

interface ContainerShape {
  readonly schema: z.ZodType;
  /** Key of the object holding `Content`, or `null` when it is the top level. */
  readonly holder: string | null;
}

const SHAPES: Readonly<Record<ContentContainerFormat, ContainerShape>> = {
  'describe-contact-flow': { schema: describeContactFlowSchema, holder: 'ContactFlow' },
  'describe-contact-flow-module': { schema: describeContactFlowModuleSchema, holder: 'ContactFlowModule' },
  wrapper: { schema: flowWrapperSchema, holder: null },
};

/**
 * Opens a DescribeContactFlow(Module) response or a `{Name, Content}` wrapper: checks its
 * fields, parses a `Content` string (undoing `\'` escapes when that is all that is wrong) and
 * collects the name, type, description, ARN and id it gives.
 */
export function unwrapContainer(
  doc: JsonObject,
  format: ContentContainerFormat,
  file: string,
  style: TextStyle,
): UnwrapResult {
  const shape = SHAPES[format];
  const checked = shape.schema.safeParse(doc);
  if (!checked.success) {
    return {
      ok: false,
      diagnostics: checked.error.issues.map((issue) => invalidContainer(file, issue, doc)),
    };
  }
  const path = shape.holder === null ? ['Content'] : [shape.holder, 'Content'];
  const holder = shape.holder === null ? doc : getAt(doc, [shape.holder]);
  const facts = containerFacts(isJsonObject(holder) ? holder : {}, format);
  const content = getAt(doc, path);
  if (typeof content !== 'string') {
    return {
      ok: true,
      doc: content,
      facts,
      container: { kind: 'content-string', raw: doc, path, style },
      diagnostics: [],
    };
  }
  const field = formatPath(path);
  const parsed = parseJsonText(content, { repairEscapes: true });
  if (!parsed.ok) return { ok: false, diagnostics: [invalidContentJson(file, field, parsed.problem)] };
  const inspected = checkJsonText(parsed.repaired ? repairQuoteEscapes(content) : content, parsed.value);
  if (inspected.tooDeep !== null)
    return { ok: false, diagnostics: [nestedTooDeep(file, inspected.tooDeep, field)] };
  const contentStyle = detectTextStyle(content);
  return {
    ok: true,
    doc: parsed.value,
    facts,
    container: { kind: 'content-string', raw: doc, path, style, contentStyle },
    diagnostics: [
      ...(parsed.repaired ? [repairedContentEscape(file, field)] : []),
      ...jsonTextDiagnostics(file, parsed.value, inspected, field),
    ],
  };
}

function containerFacts(holder: JsonObject, format: ContentContainerFormat): ContainerFacts {
  const arn = presentText(holder.Arn);
  return {
    name: presentText(holder.Name),
    type: presentText(holder.Type) ?? presentText(holder.type) ?? presentText(holder.ContactFlowType),
    module: format === 'describe-contact-flow-module',
    description: presentText(holder.Description),
    arn,
    id: presentText(holder.Id) ?? (arn === null ? null : idFromArn(arn)),
  };
}

/** A warning when a container names a flow type flowgate cannot read. */
export function unknownFlowTypeFindings(facts: ContainerFacts): Diagnostic[] {
  if (facts.type === null || parseFlowKind(facts.type) !== null) return [];
  return [
    {
      severity: 'warning',
      code: 'unknown-flow-type',
      action: null,
      block: null,
      message: `The file gives the flow type ${JSON.stringify(facts.type)}, which is not an Amazon Connect flow type.`,
      hint: 'Use an API type such as CONTACT_FLOW or CUSTOMER_QUEUE (or MODULE); until then the type is taken from the flow itself.',
    },
  ];
}
