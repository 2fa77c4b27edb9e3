import { describe, expect, it } from 'vitest';
import { renderAudit } from '../../cli/renderStore.js';
import type { AuditEvent } from '../../core/versions/types.js';

describe('renderAudit', () => {
  it('prints control characters a stored event holds as escapes', () => {
    // Stored before names were checked at import: what is already in a store is printed safely too.
    const event: AuditEvent = {
      id: 'e1',
      env: 'prod',
      at: '2026-01-02T03:04:05.000Z',
      actor: 'mallory\u001b[8m',
      action: 'import',
      flowKey: 'flow:Sales\u001b]0;owned\u0007',
      detail: { file: 'sales\r\n.json', version: 3 },
    };

    const out = renderAudit([event], true);

    expect(out).toBe(
      '2026-01-02T03:04:05.000Z  mallory\\u001b[8m import         flow:Sales\\u001b]0;owned\\u0007  \u001b[2mfile=sales\\r\\n.json version=3\u001b[22m\n',
    );
  });
});
