import type { Diagnostic } from '../diagnostics.js';
import { flowLabel } from '../versions/flowKey.js';
import type { FlowKey } from '../versions/types.js';

/** What happened to one flow of a publish batch. */
export type FlowPublishState =
  /** Its content is live: written, or already there. */
  | 'published'
  /** Created with placeholder content for a cycle; the batch stopped before its real content. */
  | 'placeholder'
  /** The write that failed: the contact center holds what it held before. */
  | 'failed'
  /** Not written: the batch stopped before reaching it. */
  | 'skipped';

/** One flow's line of a publish outcome. */
export interface FlowPublishResult {
  readonly requestId: string;
  readonly flowKey: FlowKey;
  readonly name: string;
  readonly version: number;
  /** What the plan was: create a new flow or update an existing one. */
  readonly planned: 'create' | 'update';
  /** What was done; null when nothing was (skipped, or failed before its first write). */
  readonly action: 'created' | 'updated' | 'unchanged' | null;
  readonly state: FlowPublishState;
  /** The flow in the contact center; null when it does not exist (yet). */
  readonly arn: string | null;
  /** Contact-center calls made for this flow (describe, create, update). */
  readonly calls: number;
  /** Of those, writes (create, update). */
  readonly writes: number;
  /** The version holding the content this publish replaced (found or snapshotted), or null. */
  readonly previous: number | null;
  /** The command that puts the replaced content back; null when nothing was replaced. */
  readonly rollback: string | null;
  /** Why the write failed (`failed` only). */
  readonly error: string | null;
  /** The contact center's own problems with the flow, on its blocks (`failed` only). */
  readonly diagnostics: readonly Diagnostic[];
  /**
   * `skipped` only: the flow of this batch whose write failed and which this one needs (directly
   * or through other flows of the batch); it can only be published with that one. Null otherwise.
   */
  readonly waitsFor: FlowKey | null;
}

/** What a publish batch did, in publish order. */
export interface PublishOutcome {
  readonly env: string;
  /** True when every flow of the batch is published. */
  readonly ok: boolean;
  readonly flows: readonly FlowPublishResult[];
  /** Every contact-center call of the batch, the shared inventory read included. */
  readonly calls: number;
  readonly writes: number;
  /** For people: the outcome first, then what was written (with ARNs), what was not, and the way back. */
  readonly summary: string;
}

/** `flowgate rollback` for one flow, as the CLI takes it. */
export function rollbackCommand(env: string, flowKey: FlowKey, to: number): string {
  return `flowgate rollback ${JSON.stringify(flowKey)} --env ${env} --to ${to} --as <you>`;
}

/** The outcome's text: first line says how it went, then one line per flow, then the way back. */
export function summarizeOutcome(env: string, flows: readonly FlowPublishResult[]): string {
  const failed = flows.find((f) => f.state === 'failed');
  // Written, but the stores failed before it was recorded: the batch stopped there all the same.
  const unrecorded = flows.find((f) => f.state !== 'failed' && f.error !== null);
  const head =
    failed !== undefined
      ? `Publishing to ${env} stopped at ${failed.name} v${failed.version}: ${failed.error ?? 'the write failed'}`
      : unrecorded !== undefined
        ? `Publishing to ${env} stopped after ${unrecorded.name} v${unrecorded.version} was written: recording it failed (${unrecorded.error}). Its approver approves it again to finish.`
        : `Published ${flows.length} flow${flows.length === 1 ? '' : 's'} to ${env}.`;
  const lines = flows.map((f) => `- ${flowLine(f)}`);
  const back = flows.flatMap((f) => (f.rollback === null ? [] : [f.rollback]));
  const created = flows.filter((f) => f.planned === 'create' && f.arn !== null && f.state !== 'skipped');
  const undo =
    failed === undefined || (back.length === 0 && created.length === 0)
      ? []
      : [
          'To go back:',
          ...back.map((command) => `  ${command}`),
          ...created.map((f) => `  ${f.name} was created by this batch (${f.arn}): nothing to restore.`),
        ];
  return [head, ...lines, ...undo].join('\n');
}

function flowLine(f: FlowPublishResult): string {
  const what = `${f.name} v${f.version}`;
  switch (f.state) {
    case 'published':
      return `${what}: ${f.action ?? 'published'} ${f.arn ?? ''} (${f.writes} write${f.writes === 1 ? '' : 's'})`;
    case 'placeholder':
      return `${what}: created with placeholder content only ${f.arn ?? ''}; its real content was not written`;
    case 'failed':
      return `${what}: FAILED, not written${f.arn === null ? '' : ` (${f.arn} keeps its previous content)`}`;
    case 'skipped':
      // Advice that works: a failed request cannot be approved again, so what needs its flow waits for a new request of it.
      return f.waitsFor === null
        ? `${what}: not written (its request ${f.requestId} stays approved: its approver approves it again to publish it, or, where no approval is needed, request publishing it again)`
        : `${what}: not written (its request ${f.requestId} stays approved: it needs ${flowLabel(f.waitsFor)}, whose request failed; request publishing ${flowLabel(f.waitsFor)} again, and once that is approved this is published with it)`;
  }
}
