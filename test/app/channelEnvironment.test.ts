import { describe, expect, it } from 'vitest';
import { environmentOfChannel } from '../../app/channelEnvironment.js';
import { makeDeps } from '../fakes/serviceKit.js';

describe('environmentOfChannel', () => {
  // The kit binds C-PROD to prod.
  const { config } = makeDeps().deps;

  it('names the environment when the channel is bound to one', () => {
    expect(environmentOfChannel(config, 'C-PROD')).toBe('prod');
  });

  it('gives null when the channel is bound to no environment', () => {
    expect(environmentOfChannel(config, 'C0RANDOM')).toBeNull();
  });
});
