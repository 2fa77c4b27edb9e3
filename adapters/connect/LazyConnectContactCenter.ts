import type {
  ContactCenter,
  ContactCenterFlow,
  CreateFlowInput,
  DescribeFlowsOptions,
  IntegrationKind,
  UpdateFlowInput,
} from '../../core/ports.js';
import type { CatalogData } from '../../core/resolve/types.js';
import type { LexV2AliasNames } from './lexV2AliasNames.js';
import type { RateLimiter } from './rateLimiter.js';

/**
 * An Amazon Connect contact center whose SDK is loaded on first use. Most invocations of most
 * functions never reach Connect (the Slack receiver needs it only for type-ahead, the worker only
 * for imports and publishes): loading the Connect client (a third of a bundle) at every cold
 * start would spend most of a function's start-up budget on it.
 */
export class LazyConnectContactCenter implements ContactCenter {
  readonly instanceArn: string;
  readonly #region: string;
  readonly #limiter: RateLimiter;
  readonly #inventoryMaxAgeMs: number | undefined;
  readonly #lexNames: LexV2AliasNames | undefined;
  #center: Promise<ContactCenter> | null = null;

  constructor(options: {
    instanceArn: string;
    region: string;
    limiter: RateLimiter;
    /** How long an inventory is kept; unset: for the life of this center (one job). */
    inventoryMaxAgeMs?: number;
    /** Names Lex V2 aliases `BOT/ALIAS` in the inventory (see `ConnectContactCenterOptions`). */
    lexNames?: LexV2AliasNames;
  }) {
    this.instanceArn = options.instanceArn;
    this.#region = options.region;
    this.#limiter = options.limiter;
    this.#inventoryMaxAgeMs = options.inventoryMaxAgeMs;
    this.#lexNames = options.lexNames;
  }

  async inventory(): Promise<CatalogData> {
    return (await this.#load()).inventory();
  }

  async flowInventory(): Promise<CatalogData> {
    return (await this.#load()).flowInventory();
  }

  async integrationInventory(): Promise<CatalogData> {
    return (await this.#load()).integrationInventory();
  }

  async describeFlow(kind: 'flow' | 'module', id: string): Promise<ContactCenterFlow | null> {
    return (await this.#load()).describeFlow(kind, id);
  }

  async describeFlows(
    kind: 'flow' | 'module',
    ids: readonly string[],
    options: DescribeFlowsOptions = {},
  ): Promise<Map<string, ContactCenterFlow>> {
    return (await this.#load()).describeFlows(kind, ids, options);
  }

  async createFlow(input: CreateFlowInput): Promise<{ readonly id: string; readonly arn: string }> {
    return (await this.#load()).createFlow(input);
  }

  async updateFlow(input: UpdateFlowInput): Promise<void> {
    return (await this.#load()).updateFlow(input);
  }

  async associateIntegration(kind: IntegrationKind, arn: string): Promise<void> {
    return (await this.#load()).associateIntegration(kind, arn);
  }

  #load(): Promise<ContactCenter> {
    this.#center ??= (async () => {
      const [{ ConnectContactCenter }, { createConnectClient }] = await Promise.all([
        import('./ConnectContactCenter.js'),
        import('./createConnectClient.js'),
      ]);
      return new ConnectContactCenter({
        client: createConnectClient(this.#region),
        instanceArn: this.instanceArn,
        limiter: this.#limiter,
        ...(this.#inventoryMaxAgeMs === undefined ? {} : { inventoryMaxAgeMs: this.#inventoryMaxAgeMs }),
        ...(this.#lexNames === undefined ? {} : { lexNames: this.#lexNames }),
      });
    })();
    return this.#center;
  }
}
