/** Options for {@link generateFlowText}. */
export interface GeneratedFlowOptions {
  /** Number of actions (a chain of Play prompt blocks ending in a Disconnect). */
  readonly actions: number;
  /** Characters of prompt text per action, to reach a size. */
  readonly textLength?: number;
}

/**
 * A realistic Flow Language document of any size: a chain of Play prompt blocks with designer
 * metadata, ending with Disconnect. Ids are invented (`action-0001`).
 */
export function generateFlow(options: GeneratedFlowOptions): Record<string, unknown> {
  const ids = Array.from({ length: options.actions }, (_, i) => `action-${String(i).padStart(4, '0')}`);
  const text = 'Thank you for calling. '
    .repeat(Math.ceil((options.textLength ?? 40) / 23))
    .slice(0, options.textLength ?? 40);
  const actions = ids.map((id, i) => {
    const next = ids[i + 1];
    if (next === undefined) {
      return { Identifier: id, Type: 'DisconnectParticipant', Parameters: {}, Transitions: {} };
    }
    return {
      Identifier: id,
      Type: 'MessageParticipant',
      Parameters: { Text: `${text} (${i})` },
      Transitions: { NextAction: next, Errors: [{ NextAction: next, ErrorType: 'NoMatchingError' }] },
    };
  });
  const actionMetadata = Object.fromEntries(ids.map((id, i) => [id, { position: { x: 200 * i, y: 40.5 } }]));
  return {
    Version: '2019-10-30',
    StartAction: ids[0] ?? 'none',
    Metadata: { entryPointPosition: { x: 40, y: 40 }, snapToGrid: false, ActionMetadata: actionMetadata },
    Actions: actions,
  };
}

/** {@link generateFlow} as JSON text. */
export function generateFlowText(options: GeneratedFlowOptions, indent?: string): string {
  return JSON.stringify(generateFlow(options), null, indent);
}
