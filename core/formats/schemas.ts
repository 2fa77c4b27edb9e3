import { z } from 'zod';
import { isJsonObject, type JsonObject } from '../json.js';

/**
 * zod schemas for the files flowgate reads. They check structure only: the caller keeps the
 * original parsed object (unknown keys and key order intact) and uses these to decide whether
 * it may trust it. Parameter values, Metadata and Settings are free-form JSON and are not
 * walked, which keeps validation of a 1 MB flow cheap.
 */

/** Any JSON object, checked without looking inside (no copy is made of its contents). */
export const jsonObjectSchema = z.custom<JsonObject>(isJsonObject, { error: 'expected an object' });

/** `Transitions.Conditions[]`: operands are any JSON (nested conditions are allowed). */
export const conditionTransitionSchema = z.looseObject({
  NextAction: z.string(),
  Condition: z.looseObject({ Operator: z.string(), Operands: z.array(z.unknown()) }),
});

/** `Transitions.Errors[]`. */
export const errorTransitionSchema = z.looseObject({ NextAction: z.string(), ErrorType: z.string() });

/** An action's branches; every key may be missing (terminal actions have `{}`). */
export const transitionsSchema = z.looseObject({
  NextAction: z.string().optional(),
  Conditions: z.array(conditionTransitionSchema).optional(),
  Errors: z.array(errorTransitionSchema).optional(),
});

/** One action. `Parameters` may be missing; its values are any JSON. */
export const flowActionSchema = z.looseObject({
  Identifier: z.string(),
  Type: z.string(),
  Parameters: jsonObjectSchema.optional(),
  Transitions: transitionsSchema.optional(),
});

/** A Flow Language document (`Settings` only in modules). */
export const flowContentSchema = z.looseObject({
  Version: z.string(),
  StartAction: z.string(),
  Metadata: jsonObjectSchema.optional(),
  Actions: z.array(flowActionSchema),
  Settings: jsonObjectSchema.optional(),
});

/** A designer canvas position; real exports write floats. */
const pointSchema = z.looseObject({ x: z.number(), y: z.number() });

/**
 * The designer's layout in `Metadata`, in both casings seen (exports write `entryPointPosition`
 * and `position`, the AWS example page `EntryPointPosition` and `Position`). Checked apart from
 * the flow because a bad position spoils the canvas, not the flow. `ActionMetadata` entries
 * are checked one by one with {@link actionLayoutSchema}.
 */
export const flowMetadataSchema = z.looseObject({
  entryPointPosition: pointSchema.optional(),
  EntryPointPosition: pointSchema.optional(),
  ActionMetadata: jsonObjectSchema.optional(),
});

/** One `Metadata.ActionMetadata[<id>]` entry: its canvas position, in either casing. */
export const actionLayoutSchema = z.looseObject({
  position: pointSchema.optional(),
  Position: pointSchema.optional(),
});

/** A container's `Content`: the document as a JSON string, or (some CI wrappers) as an object. */
export const contentFieldSchema = z.custom<string | JsonObject>(
  (value) => typeof value === 'string' || isJsonObject(value),
  { error: 'expected the flow as a JSON string (or an object)' },
);

const optionalText = z.string().nullable().optional();

/** A saved `DescribeContactFlow` response (with or without `ResponseMetadata`). */
export const describeContactFlowSchema = z.looseObject({
  ContactFlow: z.looseObject({
    Arn: optionalText,
    Id: optionalText,
    Name: optionalText,
    Type: optionalText,
    Description: optionalText,
    Content: contentFieldSchema,
  }),
});

/** A saved `DescribeContactFlowModule` response. */
export const describeContactFlowModuleSchema = z.looseObject({
  ContactFlowModule: z.looseObject({
    Arn: optionalText,
    Id: optionalText,
    Name: optionalText,
    Description: optionalText,
    Content: contentFieldSchema,
  }),
});

/** A CI/CD wrapper `{Name, Content, ...}`; the type key is spelled several ways. */
export const flowWrapperSchema = z.looseObject({
  Arn: optionalText,
  Id: optionalText,
  Name: optionalText,
  Type: optionalText,
  type: optionalText,
  ContactFlowType: optionalText,
  Description: optionalText,
  Content: contentFieldSchema,
});
