import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { CatalogError } from '../core/errors.js';
import { Catalog, parseCatalogFile } from '../core/resolve/catalog.js';
import { refuseNonRegularFile } from './inputs.js';
import { UnreadableInputError } from './io.js';

/**
 * Loads a catalog file and, through `parent`, the catalogs it inherits from (paths relative to
 * the file that names them). A parent chain that loops is an error, not a hang.
 */
export function loadCatalog(path: string, cwd: string, seen: readonly string[] = []): Catalog {
  const absolute = resolve(cwd, path);
  if (seen.includes(absolute)) {
    throw new CatalogError(
      path,
      'parent',
      `${path}: the parent chain loops back to this file (${[...seen, absolute].join(' → ')})`,
    );
  }
  const { data, parent } = parseCatalogFile(readJson(absolute, path), path);
  const parentCatalog = parent === null ? null : loadCatalog(parent, dirname(absolute), [...seen, absolute]);
  return new Catalog(data, parentCatalog);
}

function readJson(absolute: string, shown: string): unknown {
  refuseNonRegularFile(absolute, shown);
  let text: string;
  try {
    text = readFileSync(absolute, 'utf8');
  } catch (error) {
    throw new UnreadableInputError(shown, `${shown}: catalog file not found or not readable`, {
      cause: error,
    });
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new CatalogError(shown, null, `${shown}: not valid JSON (${(error as Error).message})`, {
      cause: error,
    });
  }
}
