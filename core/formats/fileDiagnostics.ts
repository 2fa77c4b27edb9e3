import type { z } from 'zod';
import type { Diagnostic } from '../diagnostics.js';
import type { JsonSyntaxProblem } from './jsonText.js';
import { describeIssue, hintForIssue } from './zodIssues.js';

/** What flowgate reads, for hints on files it does not recognise. */
export const ACCEPTED_FORMATS =
  'a Flow Language document ({"Version", "StartAction", "Actions"}), a legacy export ({"modules": [...]}), ' +
  'a saved DescribeContactFlow or DescribeContactFlowModule response ({"ContactFlow": {...}} or ' +
  '{"ContactFlowModule": {...}}), or a {"Name", "Content"} wrapper';

function fileError(code: string, message: string, hint: string): Diagnostic {
  return { severity: 'error', code, action: null, block: null, message, hint };
}

function where(problem: JsonSyntaxProblem): string {
  return `line ${problem.position.line}, column ${problem.position.column}`;
}

/** The input is over flowgate's size limit. */
export function fileTooLarge(file: string, bytes: number, limit: number): Diagnostic {
  return fileError(
    'file-too-large',
    `${file} is ${bytes.toLocaleString('en-US')} bytes; flowgate reads files up to ${limit.toLocaleString('en-US')} bytes.`,
    "Check that this is a flow file: Amazon Connect exports are under 1 MB and a flow's Content is at most 256,000 characters.",
  );
}

/** The bytes are not text in the encoding they claim. */
export function invalidEncoding(file: string): Diagnostic {
  return fileError(
    'invalid-encoding',
    `${file} is not valid UTF-8 text.`,
    'Save the file as UTF-8 (exports from the Amazon Connect console and the AWS CLI already are).',
  );
}

/** The file is not JSON. */
export function invalidJson(file: string, problem: JsonSyntaxProblem): Diagnostic {
  return fileError(
    'invalid-json',
    `${file} is not valid JSON: ${problem.found} at ${where(problem)}.`,
    'Fix the JSON at that place (a missing comma or quote, a trailing comma, single quotes) or export the flow again.',
  );
}

/** A container's `Content` string is not JSON; the position is inside the string. */
export function invalidContentJson(file: string, field: string, problem: JsonSyntaxProblem): Diagnostic {
  return fileError(
    'invalid-content-json',
    `${field} in ${file} is not valid JSON: ${problem.found} at ${where(problem)} of the ${field} string.`,
    `${field} must hold the Flow Language document as JSON text: save the describe-contact-flow output unchanged, or fix the text at that place.`,
  );
}

/** `\'` escapes were read as `'` so the text would parse. */
export function repairedContentEscape(file: string, field: string | null): Diagnostic {
  const what = field === null ? file : `${field} in ${file}`;
  return {
    severity: 'warning',
    code: 'repaired-content-escape',
    action: null,
    block: null,
    message: `${what} contains \\' escapes, which JSON does not allow; flowgate read them as plain apostrophes.`,
    hint: "Nothing to do: the flow is written back with plain apostrophes. Amazon Connect has been seen writing \\' in DescribeContactFlow output.",
  };
}

/** The JSON is none of the containers flowgate knows. */
export function unrecognizedFormat(file: string): Diagnostic {
  return fileError(
    'unrecognized-format',
    `${file} is JSON but not a contact flow flowgate recognises.`,
    `Give flowgate ${ACCEPTED_FORMATS}. For a CloudFormation or Terraform template, save the flow's Content as its own file.`,
  );
}

/** A DescribeContactFlow response or wrapper whose fields have the wrong shape. */
export function invalidContainer(file: string, issue: z.core.$ZodIssue, doc: unknown): Diagnostic {
  return fileError('invalid-container', `${file}: ${describeIssue(issue, doc)}.`, hintForIssue(issue));
}

/** The legacy converter failed on this input (a flowgate defect, reported instead of thrown). */
export function legacyConversionFailed(file: string, error: unknown): Diagnostic {
  return fileError(
    'legacy-conversion-failed',
    `${file} is a legacy export that flowgate could not convert: ${errorText(error)}.`,
    'Open the flow in the Amazon Connect designer and export it again: the designer saves the Flow Language.',
  );
}

/** Reading failed in a way none of the checks foresaw (a defect: deep nesting is refused earlier). */
export function unreadableFile(file: string, error: unknown): Diagnostic {
  return fileError(
    'unreadable-file',
    `${file} could not be read: ${errorText(error)}.`,
    'Check that this is an exported contact flow; if it is, report the file to the flowgate maintainers.',
  );
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
