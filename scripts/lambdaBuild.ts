import { join } from 'node:path';
import type { BuildOptions } from 'esbuild';

/**
 * How every Lambda is bundled (the bench measures exactly this; packaging uses it too): one small
 * ESM file per function for Node 22, minified, with the receivers a Lambda never builds stubbed
 * out (Socket Mode pulls in a WebSocket stack, Express a web server, raw-body the HTTP receiver's
 * charset tables: AwsLambdaReceiver parses API Gateway events itself).
 */
export function lambdaBuildOptions(
  root: string,
  entry: string,
  outfile: string,
  external: readonly string[] = [],
): BuildOptions {
  const stub = join(root, 'scripts', 'stub.cjs');
  return {
    entryPoints: [join(root, entry)],
    bundle: true,
    minify: true,
    platform: 'node',
    target: 'node22',
    format: 'esm',
    outfile,
    logLevel: 'error',
    external: [...external],
    alias: { '@slack/socket-mode': stub, express: stub, 'raw-body': stub },
    // CommonJS dependencies call require(); an ESM bundle has to provide one.
    banner: {
      js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);",
    },
  };
}
