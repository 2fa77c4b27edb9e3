import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { collectInputs } from '../../cli/inputs.js';
import { UnreadableInputError } from '../../cli/io.js';

/** A folder holding a named pipe `flow.json` (nothing ever writes to it). */
function folderWithPipe(): string {
  const dir = mkdtempSync(join(tmpdir(), 'flowgate-inputs-'));
  execFileSync('mkfifo', [join(dir, 'flow.json')]);
  return dir;
}

function errorOf(run: () => unknown): UnreadableInputError {
  try {
    run();
  } catch (error) {
    if (error instanceof UnreadableInputError) return error;
    throw error;
  }
  throw new Error('expected an UnreadableInputError');
}

describe.skipIf(process.platform === 'win32')('collectInputs', () => {
  it('refuses a named pipe given as an argument, naming the path, instead of reading it forever', () => {
    const dir = folderWithPipe();

    const error = errorOf(() => collectInputs(['flow.json'], dir));

    expect(error.path).toBe('flow.json');
    expect(error.message).toContain('flow.json: is a named pipe, not a flow file');
  });

  it('refuses a device given as an argument', () => {
    const error = errorOf(() => collectInputs(['/dev/zero'], tmpdir()));

    expect(error.message).toContain('/dev/zero: is a device');
  });

  it('leaves a named pipe out of a folder it searches', () => {
    const dir = folderWithPipe();
    writeFileSync(join(dir, 'real.json'), '{}');

    expect(collectInputs(['.'], dir).map((f) => f.display)).toEqual(['real.json']);
  });
});
