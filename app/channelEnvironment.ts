import type { FlowgateConfig } from '../core/config.js';

/**
 * The environment a Slack channel is bound to, or null. Here, not in handlers/slack, because the
 * file_shared listener and the worker's commands both ask, and entry points never import each other.
 */
export function environmentOfChannel(config: FlowgateConfig, channel: string): string | null {
  for (const [name, env] of Object.entries(config.environments)) {
    if (env.channels.includes(channel)) return name;
  }
  return null;
}
