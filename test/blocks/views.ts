import type { ActionsBlock, Button, KnownBlock, SectionBlock } from '@slack/types';
import type { SlackMessage } from '../../blocks/limits.js';
import type { FlowReportView, ImportReportView, ReferenceView } from '../../blocks/types.js';
import type { Diagnostic } from '../../core/diagnostics.js';

/** A diagnostic on a block. */
export function diagnostic(severity: Diagnostic['severity'], n = 1): Diagnostic {
  return {
    severity,
    code: severity === 'error' ? 'missing-transition' : 'unresolved-reference',
    action: `a${n}-7c1e`,
    block: 'Transfer to queue',
    message: `Block a${n}-7c1e has a problem number ${n}.`,
    hint: 'Connect the block to the next one.',
  };
}

/** A resolved queue reference. */
export function resolvedRef(index = 0): ReferenceView {
  return {
    index,
    kind: 'queue',
    action: `q${index}`,
    block: 'Set working queue',
    source: 'BasicQueue',
    required: true,
    by: 'name',
    target: 'BasicQueue',
    choices: null,
  };
}

/** An unresolved reference with `candidates` static options (or type-ahead). */
export function unresolvedRef(index: number, candidates: number | 'external' = 3): ReferenceView {
  return {
    index,
    kind: 'prompt',
    action: `p${index}`,
    block: 'Play prompt',
    source: `Welcome ${index}`,
    required: index % 2 === 0,
    by: 'unresolved',
    target: null,
    choices:
      candidates === 'external'
        ? { external: true, count: 500 }
        : {
            external: false,
            options: Array.from({ length: candidates }, (_, i) => ({
              text: `Prompt ${i}`,
              value: `5b1c0a2e-0000-4000-8000-${String(i).padStart(12, '0')}`,
            })),
          },
  };
}

/** A flow of a report; stored as v3 with v2 before it unless overridden. */
export function flowView(overrides: Partial<FlowReportView> = {}): FlowReportView {
  return {
    file: 'main.json',
    name: 'Main',
    flowKey: 'flow:Main',
    version: 3,
    created: true,
    previous: 2,
    replacesTarget: true,
    diagnostics: [],
    references: [resolvedRef()],
    publishable: true,
    ...overrides,
  };
}

/** A report for env `prod`. */
export function reportView(flows: FlowReportView[] = [flowView()]): ImportReportView {
  return { env: 'prod', actor: 'U012ABCDEF', flows };
}

/** The first line of a message's first section. */
export function firstText(message: SlackMessage): string {
  const first = message.blocks[0];
  return first?.type === 'section' ? (first.text?.text ?? '') : '';
}

/** Every button in the message. */
export function buttonsOf(blocks: readonly KnownBlock[]): Button[] {
  return blocks
    .filter((b): b is ActionsBlock => b.type === 'actions')
    .flatMap((b) => b.elements.filter((e): e is Button => e.type === 'button'));
}

/** Sections with a select beside them (the pickers). */
export function pickersOf(blocks: readonly KnownBlock[]): SectionBlock[] {
  return blocks.filter(
    (b): b is SectionBlock =>
      b.type === 'section' &&
      (b.accessory?.type === 'static_select' || b.accessory?.type === 'external_select'),
  );
}

/** All the text a person could read in the blocks. */
export function allText(blocks: readonly KnownBlock[]): string {
  return JSON.stringify(blocks);
}
