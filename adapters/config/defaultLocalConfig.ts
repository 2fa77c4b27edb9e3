import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FlowgateConfig } from '../../core/config.js';
import { parseConfig } from '../../core/configSchema.js';

/** Options of `defaultLocalConfig`. */
export interface DefaultLocalConfigOptions {
  /** Folder holding `test.json` and `prod.json` (default: this checkout's `examples/instances/`). */
  readonly instancesDir?: string;
  /** A second publisher, so a request can be approved by someone else (`--as reviewer`). */
  readonly reviewer?: string;
}

/**
 * The embedded configuration used when there is no config file and no AWS configuration:
 * environments `test` and `prod` on local targets seeded from `examples/instances/`, `user`
 * (the OS user name) and a second person (`reviewer`) as publishers, and four-eyes approval
 * everywhere, so the request → approve (`--as reviewer`) → publish path runs locally as it will
 * in production.
 */
export function defaultLocalConfig(user: string, options: DefaultLocalConfigOptions = {}): FlowgateConfig {
  const instancesDir =
    options.instancesDir ?? fileURLToPath(new URL('../../examples/instances/', import.meta.url));
  const reviewer = options.reviewer ?? 'reviewer';
  const approval = { required: true, allowSelfApproval: false };
  return parseConfig(
    {
      environments: {
        test: { local: { seed: join(instancesDir, 'test.json') }, approval },
        prod: { local: { seed: join(instancesDir, 'prod.json') }, approval },
      },
      // S3 drops and CI webhooks act as `s3` and `webhook:<env>`: editors, never publishers.
      roles: {
        editors: ['s3', 'webhook:test', 'webhook:prod'],
        publishers: user === reviewer ? [user] : [user, reviewer],
      },
    },
    'the built-in local configuration',
  );
}
