import { describe, expect, it } from 'vitest';
import { processRateLimiters } from '../../../app/compose/backend.js';

const INSTANCE = 'arn:aws:connect:us-west-2:444455556666:instance/5e2d7c1b-9a4f-4f3e-8b6d-2c1a0f9e8d77';

describe('processRateLimiters', () => {
  it('is one set of limiters per process: every contact center built here shares its account and Region limiter', () => {
    const forJobs = processRateLimiters(0.2);
    const forTypeAhead = processRateLimiters(0.2);

    expect(forTypeAhead).toBe(forJobs);
    expect(forTypeAhead.limiterFor(INSTANCE, 'us-west-2')).toBe(forJobs.limiterFor(INSTANCE, 'us-west-2'));
  });

  it('refuses a second share in the same process', () => {
    processRateLimiters(0.2);

    expect(() => processRateLimiters(1)).toThrow('already paces Amazon Connect calls at a share of 0.2');
  });
});
