import { loadFixture, loadFixtureText } from '../../fixtures.js';

/** A Flow Language action as a test may break it. */
export interface EditableAction {
  [key: string]: unknown;
  Identifier: unknown;
  Type: unknown;
  Parameters?: unknown;
  Transitions?: { [key: string]: unknown };
}

/** A Flow Language document as a test may break it. */
export interface EditableFlow {
  [key: string]: unknown;
  Version: unknown;
  StartAction: unknown;
  Metadata?: { [key: string]: unknown };
  Actions: EditableAction[];
}

/** A fresh copy of the bare Flow Language fixture. */
export function flowFixture(): EditableFlow {
  return loadFixture<EditableFlow>('formats/flow-language.json');
}

/** The text of a formats fixture. */
export function fixtureText(name: string): string {
  return loadFixtureText(`formats/${name}`);
}

/** The action at `index`, failing the test when there is none. */
export function actionAt(flow: EditableFlow, index: number): EditableAction {
  const action = flow.Actions[index];
  if (action === undefined) throw new Error(`fixture has no action ${index}`);
  return action;
}

/** A saved DescribeContactFlow response around `content` (a string or an object). */
export function describeResponse(content: unknown, extra: Record<string, unknown> = {}): object {
  return { ContactFlow: { Name: 'Inbound', Type: 'CONTACT_FLOW', ...extra, Content: content } };
}
