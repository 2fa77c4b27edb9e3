import { describe, expect, it } from 'vitest';
import { buildError } from '../../blocks/error.js';
import { buildMappings } from '../../blocks/mappings.js';
import { buildStatus } from '../../blocks/status.js';
import { buildVersions } from '../../blocks/versions.js';
import type { PublishRequest, VersionSummary } from '../../core/versions/types.js';
import { checkMessage } from './slackLimits.js';
import { allText, diagnostic } from './views.js';

function summary(number: number): VersionSummary {
  return {
    env: 'prod',
    flowKey: 'flow:Main',
    number,
    name: 'Main',
    type: 'CONTACT_FLOW',
    format: 'flow-language',
    contentHash: 'c'.repeat(64),
    sourceHash: 's'.repeat(64),
    source: { channel: 'slack', ref: 'F0ABC' },
    author: 'U012ABCDEF',
    createdAt: '2026-03-02T10:00:00.000Z',
    restores: null,
    diagnostics: number === 1 ? [diagnostic('warning')] : [],
  } as VersionSummary;
}

function request(id: string, state: PublishRequest['state'] = 'pending'): PublishRequest {
  return {
    id,
    env: 'prod',
    flowKey: 'flow:Main',
    version: 3,
    contentHash: 'c',
    resolutionHash: 'r',
    driftHash: null,
    requester: 'U012ABCDEF',
    requestedAt: '2026-03-02T10:00:00.000Z',
    expiresAt: '2026-03-03T10:00:00.000Z',
    state,
    decidedBy: null,
    decidedAt: null,
    reason: null,
  };
}

describe('buildVersions', () => {
  const head = {
    env: 'prod',
    flowKey: 'flow:Main',
    name: 'Main',
    type: 'CONTACT_FLOW' as const,
    latest: 3,
    published: 2,
    target: null,
    updatedAt: '2026-03-02T10:00:00.000Z',
  };

  it('marks the published version when listing newest first', () => {
    const message = buildVersions({ head, versions: [summary(3), summary(2), summary(1)] });
    expect(message.text).toBe('Main in prod: 3 versions, latest v3, v2 published.');
    expect(allText(message.blocks)).toMatch(/• v2 · .* · \*published\*/);
    expect(allText(message.blocks)).toContain('1 warning');
  });

  it('links the latest and the published version reports when reports are served', () => {
    const message = buildVersions(
      { head, versions: [summary(3), summary(2), summary(1)] },
      (n) => `https://flowgate.example/reports/t${n}`,
    );

    expect(allText(message.blocks)).toContain(
      'Reports: <https://flowgate.example/reports/t3|v3 (latest)> · <https://flowgate.example/reports/t2|v2 (published)>',
    );
    expect(allText(buildVersions({ head, versions: [summary(3)] }).blocks)).not.toContain('Reports:');
  });

  it('links the newest imported version as the latest, not the snapshot a publish appended', () => {
    const snapshot = {
      ...summary(4),
      source: { channel: 'snapshot', ref: 'arn:aws:connect:…' },
    } as VersionSummary;

    const message = buildVersions(
      { head: { ...head, latest: 4, published: 3 }, versions: [snapshot, summary(3), summary(2)] },
      (n) => `https://flowgate.example/reports/t${n}`,
    );

    expect(allText(message.blocks)).toContain('Reports: <https://flowgate.example/reports/t3|v3 (latest)>');
    expect(allText(message.blocks)).not.toContain('t4|');
  });

  it('lists 20 and counts the older ones when there are 150 versions', () => {
    const versions = Array.from({ length: 150 }, (_, i) => summary(150 - i));
    const message = buildVersions({ head: { ...head, latest: 150 }, versions });
    expect(allText(message.blocks)).toContain('… and 130 more older versions');
    expect(checkMessage(message)).toEqual([]);
  });
});

describe('buildStatus', () => {
  it('lists only pending requests, by flow name, with who asked', () => {
    const message = buildStatus({ env: 'prod', requests: [request('r1'), request('r2', 'approved')] });
    expect(message.text).toBe('1 publish request waiting in prod.');
    expect(allText(message.blocks)).toMatch(/• \*Main\* v\d+ · asked by <@U012ABCDEF> <!date\^/);
    expect(allText(message.blocks).match(/• /g)).toHaveLength(1);
    expect(allText(message.blocks)).not.toMatch(/flow:|`r1`/);
  });

  it('says so when nothing is waiting', () => {
    expect(buildStatus({ env: 'prod', requests: [] }).text).toBe('No publish requests are waiting in prod.');
  });

  it('stays within limits when 300 requests wait', () => {
    const requests = Array.from({ length: 300 }, (_, i) => request(`r${i}`));
    expect(checkMessage(buildStatus({ env: 'prod', requests }))).toEqual([]);
  });
});

describe('buildMappings', () => {
  it('shows each remembered replacement as source → target', () => {
    const message = buildMappings({
      env: 'prod',
      mappings: [
        {
          env: 'prod',
          kind: 'queue',
          source: 'Sales',
          target: 'q-123',
          chosenBy: 'U012ABCDEF',
          chosenAt: '2026-03-02T10:00:00.000Z',
        },
      ],
    });
    expect(allText(message.blocks)).toContain('• queue `Sales` → `q-123` · <@U012ABCDEF>');
  });

  it('shows the name the flow gave a source remembered by its ARN, not the ARN', () => {
    const arn = 'arn:aws:connect:us-west-2:777788889999:instance/i-1/queue/q-source';
    const message = buildMappings({
      env: 'prod',
      mappings: [
        {
          env: 'prod',
          kind: 'queue',
          source: arn,
          sourceName: 'Sales',
          target: 'q-123',
          chosenBy: 'U012ABCDEF',
          chosenAt: '2026-03-02T10:00:00.000Z',
        },
      ],
      targetNames: new Map([['q-123', 'Prod sales']]),
    });
    expect(allText(message.blocks)).toContain('• queue *Sales* → *Prod sales* · <@U012ABCDEF>');
    expect(allText(message.blocks)).not.toContain(arn);
  });

  it('stays within limits when 500 replacements are remembered', () => {
    const mappings = Array.from({ length: 500 }, (_, i) => ({
      env: 'prod',
      kind: 'prompt' as const,
      source: `Prompt ${i} ${'ü'.repeat(60)}`,
      target: `p-${i}`,
      chosenBy: 'U012ABCDEF',
      chosenAt: '2026-03-02T10:00:00.000Z',
    }));
    const message = buildMappings({ env: 'prod', mappings });
    expect(allText(message.blocks)).toMatch(/… and \d+ more replacements/);
    expect(checkMessage(message)).toEqual([]);
  });
});

describe('buildError', () => {
  it('shows the message escaped for mrkdwn', () => {
    expect(allText(buildError('No flow <Main> in prod').blocks)).toContain('No flow &lt;Main&gt; in prod');
  });

  it('clips a 5,000-character message to the limits', () => {
    expect(checkMessage(buildError('x'.repeat(5000)))).toEqual([]);
  });
});
