import { writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { formatCatalogFile } from '../../core/resolve/catalogFile.js';
import { type CatalogLayer, exportCatalog } from '../../core/service/exportCatalog.js';
import { type CliIo, EXIT, UsageError } from '../io.js';
import type { Runtime } from '../runtime.js';

/** Arguments of `catalog`. */
export interface CatalogArgs {
  readonly env: string;
  /** Where to write the environment's catalog; null: standard output (an environment without a parent only). */
  readonly out: string | null;
}

/**
 * `flowgate catalog --env <env> [--out <file>]`: the environment's live inventory (and its remembered
 * mappings) as a catalog file, so `flowgate plan --catalog <file>` resolves offline exactly as
 * importing into the environment would. A parent environment's catalog is written beside it as
 * `<file stem>.<parent>.json` and named by the child's `parent`, as the format layers them.
 */
export async function runCatalog(rt: Runtime, args: CatalogArgs, io: CliIo): Promise<number> {
  const layers = await exportCatalog(rt.deps, { env: args.env, actor: rt.actor });
  if (args.out === null) {
    const [only, parent] = layers;
    if (parent !== undefined) {
      throw new UsageError(
        `${args.env} inherits from ${parent.env}: give --out <file> so its parent's catalog can be written beside it`,
      );
    }
    if (only !== undefined)
      io.stdout(`${JSON.stringify(formatCatalogFile(only.data, null, args.env), null, 2)}\n`);
    return EXIT.ok;
  }
  const out = resolve(io.cwd, args.out);
  const paths = layers.map((layer, i) => (i === 0 ? out : parentPath(out, layer)));
  layers.forEach((layer, i) => {
    const next = paths[i + 1];
    const file = formatCatalogFile(layer.data, next === undefined ? null : basename(next), paths[i] ?? out);
    writeFileSync(paths[i] ?? out, `${JSON.stringify(file, null, 2)}\n`);
  });
  io.stdout(
    `Wrote the catalog of ${args.env} (${layers[0]?.data.resources.length ?? 0} resources) to ${args.out}${
      paths.length > 1
        ? `, and its parents' to ${paths
            .slice(1)
            .map((p) => basename(p))
            .join(', ')}`
        : ''
    }.\nPlan against it offline: flowgate plan <flows> --catalog ${args.out}\n`,
  );
  return EXIT.ok;
}

function parentPath(out: string, layer: CatalogLayer): string {
  const name = basename(out);
  const stem = name.endsWith('.json') ? name.slice(0, -'.json'.length) : name;
  return join(dirname(out), `${stem}.${layer.env}.json`);
}
