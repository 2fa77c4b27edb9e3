import type { ContactCenter, ContactCenterProbe, ProbeAnswer } from '../../core/ports.js';

/** Options of {@link LocalInstanceProbe}. */
export interface LocalInstanceProbeOptions {
  /** The environment's local instance (a `LocalContactCenter`). */
  readonly center: ContactCenter;
  readonly env: string;
}

/**
 * A `local` environment's instance, kept as files: it is readable (seeded on first use). It has
 * no permissions to check, so no operations.
 */
export class LocalInstanceProbe implements ContactCenterProbe {
  readonly subject: string;
  readonly operations: readonly string[] = [];
  readonly #center: ContactCenter;

  constructor(options: LocalInstanceProbeOptions) {
    this.#center = options.center;
    this.subject = `local instance of ${options.env}`;
  }

  async describeInstance(): Promise<ProbeAnswer> {
    try {
      const inventory = await this.#center.inventory();
      return { kind: 'ok', detail: `readable, ${inventory.resources.length} resources` };
    } catch (error) {
      return {
        kind: 'unchecked',
        message: `could not be read (${error instanceof Error ? error.message : String(error)})`,
      };
    }
  }

  async tryOperation(operation: string): Promise<ProbeAnswer> {
    return { kind: 'unchecked', message: `a local instance has no ${operation} to allow` };
  }
}
