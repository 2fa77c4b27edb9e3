import { readFileSync } from 'node:fs';
import { isZip, type Upload } from '../../app/importUploads.js';
import { MAX_INPUT_BYTES } from '../../core/formats/readFlow.js';
import { collectInputs, readInput } from '../inputs.js';

/**
 * The uploads an import takes from its arguments: flow files, folders (searched like `validate`
 * does, zips included) and zip archives. What each holds is told by its content, as for every
 * other source (`importUploads`), never by its extension.
 */
export function uploadsFrom(paths: readonly string[], cwd: string): Upload[] {
  return collectInputs(paths, cwd, { zips: true }).map((input) => {
    const head = readInput(input);
    // A flow file is read up to its limit (so the import can say it is too large); an archive
    // whole, as unzipping bounds what it unpacks.
    const bytes = isZip(head) && head.byteLength > MAX_INPUT_BYTES ? readFileSync(input.absolute) : head;
    return { name: input.display, bytes };
  });
}
