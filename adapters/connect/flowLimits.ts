import { ContactCenterError } from '../../core/errors.js';
import type { CreateFlowInput, UpdateFlowInput } from '../../core/ports.js';

/**
 * Amazon Connect's limits on flow and module writes (CreateContactFlow, CreateContactFlowModule,
 * Update*Content; flow-format.md section 5.2). Content is counted in characters, as the API does.
 */
export const FLOW_LIMITS = {
  maxContentLength: 256_000,
  maxNameLength: 127,
  maxDescriptionLength: 500,
} as const;

/**
 * The checks Connect makes on a create before it looks at the content, so a write that cannot
 * succeed costs no request (and the local contact center refuses what Connect would).
 */
export function checkCreateInput(input: CreateFlowInput): ContactCenterError | null {
  const subject = `${input.kind} "${input.name}"`;
  if (input.name.trim() === '') {
    return new ContactCenterError('invalid-request', `A ${input.kind} needs a name that is not blank.`);
  }
  if (input.name.length > FLOW_LIMITS.maxNameLength) {
    return new ContactCenterError(
      'invalid-request',
      `The name of ${subject} is ${input.name.length} characters; Amazon Connect allows ${FLOW_LIMITS.maxNameLength}.`,
    );
  }
  if (input.description.length > FLOW_LIMITS.maxDescriptionLength) {
    return new ContactCenterError(
      'invalid-request',
      `The description of ${subject} is ${input.description.length} characters; Amazon Connect allows ${FLOW_LIMITS.maxDescriptionLength}.`,
    );
  }
  if (input.kind === 'flow' && input.type === null) {
    return new ContactCenterError('invalid-request', `Creating ${subject} needs a flow type.`);
  }
  return checkContentLength(input.content, subject);
}

/** The checks Connect makes on an update before it looks at the content. */
export function checkUpdateInput(input: UpdateFlowInput): ContactCenterError | null {
  return checkContentLength(input.content, `${input.kind} ${input.id}`);
}

function checkContentLength(content: string, subject: string): ContactCenterError | null {
  if (content.length === 0) {
    return new ContactCenterError('invalid-request', `The content of ${subject} is empty.`);
  }
  if (content.length > FLOW_LIMITS.maxContentLength) {
    return new ContactCenterError(
      'content-too-large',
      `The content of ${subject} is ${content.length} characters; Amazon Connect accepts at most ${FLOW_LIMITS.maxContentLength}. ` +
        'Split it into flow modules, or shorten prompts and metadata.',
    );
  }
  return null;
}
