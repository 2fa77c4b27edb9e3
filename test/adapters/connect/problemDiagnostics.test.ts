import { describe, expect, it } from 'vitest';
import { CONNECT_REJECTED, problemDiagnostics } from '../../../adapters/connect/problemDiagnostics.js';
import { loadFixtureText } from '../../fixtures.js';

const QUEUE_ACTION = '8d2e4b71-5a3c-4f6e-b1d9-7c0e2a4f6b83';
const PROMPT_ACTION = '3f1c2a9e-7b4d-4e21-9c55-0a8b6d2e4f10';

describe('problemDiagnostics', () => {
  const content = loadFixtureText('connect/flow.json');

  it('puts a problem on the block whose identifier it names when the identifier is in the content', () => {
    const [diagnostic, ...rest] = problemDiagnostics(
      [`Invalid QueueId in action ${QUEUE_ACTION}: resource not found`],
      content,
      'flow',
    );

    expect(rest).toEqual([]);
    expect(diagnostic).toMatchObject({
      severity: 'error',
      code: CONNECT_REJECTED,
      action: QUEUE_ACTION,
      block: 'Set working queue',
    });
    expect(diagnostic?.message).toContain('resource not found');
  });

  it('puts a problem on every block it names when it names several', () => {
    const diagnostics = problemDiagnostics(
      [`Actions ${PROMPT_ACTION} and ${QUEUE_ACTION} reference resources of another instance`],
      content,
      'flow',
    );

    expect(diagnostics.map((d) => d.action).sort()).toEqual([PROMPT_ACTION, QUEUE_ACTION].sort());
  });

  it('reports a problem on the whole flow when it names no block of the content', () => {
    const diagnostics = problemDiagnostics(
      ['Flow content exceeds the number of allowed actions'],
      content,
      'flow',
    );

    expect(diagnostics).toEqual([
      expect.objectContaining({ action: null, block: null, code: CONNECT_REJECTED }),
    ]);
  });

  it('does not match an identifier that is only part of a longer token', () => {
    const diagnostics = problemDiagnostics([`Unknown action ${QUEUE_ACTION}-copy`], content, 'flow');

    expect(diagnostics[0]?.action).toBeNull();
  });

  it('matches a short identifier only when the problem quotes it', () => {
    const shortIds = JSON.stringify({
      Version: '2019-10-30',
      StartAction: 'a',
      Actions: [
        { Identifier: 'a', Type: 'DisconnectParticipant', Parameters: {}, Transitions: {} },
        { Identifier: 'play', Type: 'MessageParticipant', Parameters: {}, Transitions: {} },
      ],
    });

    const unquoted = problemDiagnostics(['a problem with play'], shortIds, 'flow');
    const quoted = problemDiagnostics(['Block "play" has no prompt'], shortIds, 'flow');

    expect(unquoted.map((d) => d.action)).toEqual([null]);
    expect(quoted.map((d) => d.action)).toEqual(['play']);
  });

  it('names only the longer identifier when a shorter one is part of it', () => {
    const worded = JSON.stringify({
      Version: '2019-10-30',
      StartAction: 'Set offer',
      Actions: [
        { Identifier: 'Set offer', Type: 'UpdateContactAttributes', Parameters: {}, Transitions: {} },
        {
          Identifier: 'Set offer rejected',
          Type: 'UpdateContactAttributes',
          Parameters: {},
          Transitions: {},
        },
      ],
    });

    const diagnostics = problemDiagnostics(['Invalid attribute in Set offer rejected'], worded, 'flow');

    expect(diagnostics.map((d) => d.action)).toEqual(['Set offer rejected']);
  });

  it('reports problems on the whole module when the content is not JSON', () => {
    const diagnostics = problemDiagnostics(['Invalid JSON'], '{not json', 'module');

    expect(diagnostics).toEqual([expect.objectContaining({ action: null })]);
    expect(diagnostics[0]?.message).toContain('flow module');
  });

  it('gives one diagnostic per problem when there are several', () => {
    const diagnostics = problemDiagnostics(
      [`Bad prompt in ${PROMPT_ACTION}`, 'Missing StartAction'],
      content,
      'flow',
    );

    expect(diagnostics.map((d) => d.action)).toEqual([PROMPT_ACTION, null]);
  });
});
