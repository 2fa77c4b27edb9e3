import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { unzipFlows } from '../../adapters/zip/unzipFlows.js';
import type { ImportFile } from '../../core/service/importFlows.js';
import { collectInputs, readInput } from '../inputs.js';

/**
 * The files an import takes from its arguments: flow files, folders (searched like `validate`
 * does) and zip archives (unpacked; each entry named `<archive>/<entry>`).
 */
export function importFilesFrom(paths: readonly string[], cwd: string): ImportFile[] {
  const files: ImportFile[] = [];
  for (const input of collectInputs(paths, cwd, { zips: true })) {
    if (extname(input.absolute).toLowerCase() === '.zip') {
      const archive = readFileSync(input.absolute);
      for (const entry of unzipFlows(archive, input.display)) {
        files.push({ name: `${input.display}/${entry.name}`, bytes: entry.bytes });
      }
    } else {
      files.push({ name: input.display, bytes: readInput(input) });
    }
  }
  return files;
}
