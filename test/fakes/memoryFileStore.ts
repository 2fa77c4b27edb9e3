import type { FileStore } from '../../core/ports.js';

/** Files in memory. */
export class MemoryFileStore implements FileStore {
  readonly objects = new Map<string, { body: Uint8Array; contentType: string | undefined }>();

  async put(key: string, body: Uint8Array, contentType?: string): Promise<void> {
    this.objects.set(key, { body: new Uint8Array(body), contentType });
  }

  async get(key: string): Promise<Uint8Array | null> {
    const found = this.objects.get(key);
    return found === undefined ? null : new Uint8Array(found.body);
  }
}
