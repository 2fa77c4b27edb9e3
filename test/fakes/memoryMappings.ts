import type { Mappings } from '../../core/ports.js';
import type { RememberedMapping } from '../../core/versions/types.js';
import { tick } from './tick.js';

/** `Mappings` in memory: the reference semantics the DynamoDB adapter must match. */
export class MemoryMappings implements Mappings {
  readonly #mappings = new Map<string, RememberedMapping>();

  async putMapping(mapping: RememberedMapping): Promise<void> {
    await tick();
    this.#mappings.set(`${mapping.env}\u0000${mapping.kind}\u0000${mapping.source}`, mapping);
  }

  async listMappings(env: string): Promise<RememberedMapping[]> {
    await tick();
    return [...this.#mappings.values()].filter((m) => m.env === env);
  }
}
