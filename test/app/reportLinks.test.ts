import { describe, expect, it } from 'vitest';
import { REPORT_LINK_SECONDS, readReportToken, reportLinker, reportToken } from '../../app/reportLinks.js';
import { FixedClock } from '../fakes/fixedClock.js';

const SECRET = 'report-secret-0123456789abcdef0123456789';
const target = { env: 'prod', flowKey: 'flow:Menú / Sales & "VIP"?', version: 3 };

function tokenOf(url: string): string {
  return url.slice(url.lastIndexOf('/') + 1);
}

describe('report links', () => {
  it('name the version, whatever its flow is called, in a token no proxy re-encodes', () => {
    const clock = new FixedClock();
    const link = reportLinker({ baseUrl: 'https://api.example.com/', secret: SECRET, clock });

    const url = link(target.env, target.flowKey, target.version);

    expect(url).toMatch(/^https:\/\/api\.example\.com\/reports\/[\w-]+\.[\w-]{43}$/);
    expect(readReportToken(SECRET, tokenOf(url), clock.now())).toEqual({ kind: 'valid', target });
  });

  it('work for a week, then say they expired', () => {
    const clock = new FixedClock();
    const url = reportLinker({ baseUrl: 'http://localhost:3000', secret: SECRET, clock })(
      'prod',
      'flow:A',
      1,
    );

    clock.advance(REPORT_LINK_SECONDS * 1000);
    expect(readReportToken(SECRET, tokenOf(url), clock.now()).kind).toBe('valid');
    clock.advance(1000);
    expect(readReportToken(SECRET, tokenOf(url), clock.now())).toEqual({ kind: 'expired' });
  });

  it('take the base URL late, for a server that knows its port once it listens', () => {
    let base = 'http://127.0.0.1';
    const link = reportLinker({ baseUrl: () => base, secret: SECRET, clock: new FixedClock() });
    base = 'http://127.0.0.1:4321';

    expect(link('prod', 'flow:A', 1)).toMatch(/^http:\/\/127\.0\.0\.1:4321\/reports\//);
  });

  it('cannot be edited into a link to another version', () => {
    const now = new Date('2026-11-21T10:00:00Z');
    const token = reportToken(SECRET, target, now.getTime() / 1000 + 60);
    const [, sig] = token.split('.');
    const other = Buffer.from(
      JSON.stringify(['prod', target.flowKey, 4, now.getTime() / 1000 + 60]),
    ).toString('base64url');

    expect(readReportToken(SECRET, `${other}.${sig}`, now)).toEqual({ kind: 'invalid' });
  });

  it('are refused when signed with another secret, or malformed', () => {
    const now = new Date('2026-11-21T10:00:00Z');
    const token = reportToken(SECRET, target, now.getTime() / 1000 + 60);

    for (const bad of [
      reportToken('another-secret-0123456789abcdef0123456789', target, now.getTime() / 1000 + 60),
      '',
      'no-dot',
      `${token}.extra`,
      token.slice(0, -5),
      '../../etc/passwd',
    ]) {
      expect(readReportToken(SECRET, bad, now), bad).toEqual({ kind: 'invalid' });
    }
  });
});
