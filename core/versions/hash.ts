import { createHash } from 'node:crypto';

/** sha256 hex of text (UTF-8) or bytes: content hashes, resolution hashes, drift hashes. */
export function sha256(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}
