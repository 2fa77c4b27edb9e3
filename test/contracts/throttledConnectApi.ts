import * as connect from '@aws-sdk/client-connect';
import { type ConnectClient, ThrottlingException } from '@aws-sdk/client-connect';
import {
  type ConnectClientOptions,
  createConnectClient,
} from '../../adapters/connect/createConnectClient.js';
import { CONNECT_QUOTA } from '../../adapters/connect/rateLimiter.js';
import type { FakeConnectApi } from './fakeConnectApi.js';

/** Options of {@link ConnectQuota}. */
export interface ConnectQuotaOptions {
  /** Milliseconds on the clock the bucket refills by (a `SimulatedClock`, or faked timers' `Date.now`). */
  readonly now: () => number;
  /** Requests a second the bucket refills with; Connect's default is 2. */
  readonly ratePerSecond?: number;
  /** Requests the full bucket lets go back to back; Connect's default is 5. */
  readonly burst?: number;
}

/**
 * Connect's quota of one account and Region: a token bucket every instance of the account in the
 * Region draws on, with counts of what it let through and what it refused.
 */
export class ConnectQuota {
  readonly #now: () => number;
  readonly #rate: number;
  readonly #burst: number;
  #tokens: number;
  #last: number;
  readonly #calls = new Map<string, number>();
  #throttled = 0;

  constructor(options: ConnectQuotaOptions) {
    this.#now = options.now;
    this.#rate = options.ratePerSecond ?? CONNECT_QUOTA.ratePerSecond;
    this.#burst = options.burst ?? CONNECT_QUOTA.burst;
    this.#tokens = this.#burst;
    this.#last = this.#now();
  }

  /** Requests answered (not throttled), per API. */
  get calls(): ReadonlyMap<string, number> {
    return this.#calls;
  }

  /** Requests answered, all APIs. */
  get totalCalls(): number {
    return [...this.#calls.values()].reduce((sum, n) => sum + n, 0);
  }

  /** Requests refused with `ThrottlingException` (each attempt counts). */
  get throttled(): number {
    return this.#throttled;
  }

  /** Takes a token for one request, or refuses it as Connect does (HTTP 429, `ThrottlingException`). */
  admit(api: string): void {
    const now = this.#now();
    this.#tokens = Math.min(this.#burst, this.#tokens + (Math.max(0, now - this.#last) / 1000) * this.#rate);
    this.#last = now;
    // A hair below one token is one token: sums of float refills differ in the last bits.
    if (this.#tokens < 1 - 1e-9) {
      this.#throttled += 1;
      throw new ThrottlingException({ message: 'Rate exceeded', Message: 'Rate exceeded', $metadata });
    }
    this.#tokens = Math.max(0, this.#tokens - 1);
    this.#calls.set(api, (this.#calls.get(api) ?? 0) + 1);
  }
}

/** Options of {@link ThrottledConnectApi}. */
export interface ThrottledConnectApiOptions extends Partial<ConnectQuotaOptions> {
  /** Answers every request that is not throttled. */
  readonly api: FakeConnectApi;
  /** The account's quota, when another instance of the account draws on it too; else a new one on `now`. */
  readonly quota?: ConnectQuota;
  /** How the clients are built (retries); flowgate's own `createConnectClient` settings by default. */
  readonly client?: Omit<ConnectClientOptions, 'credentials'>;
}

/** A command class of the Connect client, as `send` takes its instances. */
type ConnectCommandClass = new (input: object) => Parameters<ConnectClient['send']>[0];

const $metadata = { httpStatusCode: 429 };

/**
 * Amazon Connect's throttling in front of `FakeConnectApi`: one token bucket per account and
 * Region (every client of this object, and every other instance given the same `quota`, shares
 * it, as every Lambda of an account shares Connect's quota), refilling at `ratePerSecond` up to
 * `burst` on the given clock. A request that finds the
 * bucket empty is refused as Connect refuses it — HTTP 429, `ThrottlingException` ("Best practices
 * for using Amazon Connect APIs": throttling errors are HTTP status code 429) — and takes no token.
 *
 * The clients are real `ConnectClient`s built by flowgate's `createConnectClient`, so the SDK's
 * own middleware runs: retries (adaptive mode) see the throttling error exactly as they would see
 * Connect's, each attempt meets the bucket again, and only a request that gets through reaches
 * the fake. The fake sits at the deserialize step, after the retry middleware and signing.
 */
export class ThrottledConnectApi {
  readonly api: FakeConnectApi;
  readonly quota: ConnectQuota;
  /** The first client; `newClient()` makes more over the same quota (another Lambda). */
  readonly client: ConnectClient;
  readonly #clientOptions: Omit<ConnectClientOptions, 'credentials'>;

  constructor(options: ThrottledConnectApiOptions) {
    this.api = options.api;
    const { now } = options;
    if (options.quota === undefined && now === undefined) throw new Error('Give a quota or a clock (now).');
    this.quota =
      options.quota ??
      new ConnectQuota({
        now: now ?? (() => 0),
        ...(options.ratePerSecond === undefined ? {} : { ratePerSecond: options.ratePerSecond }),
        ...(options.burst === undefined ? {} : { burst: options.burst }),
      });
    this.#clientOptions = options.client ?? {};
    this.client = this.newClient();
  }

  /** Another client over the same quota: what another function of the account sends through. */
  newClient(): ConnectClient {
    const region = this.api.instanceArn.split(':')[3] ?? 'us-west-2';
    const client = createConnectClient(region, {
      ...this.#clientOptions,
      credentials: { accessKeyId: 'fake', secretAccessKey: 'fake' },
    });
    client.middlewareStack.add(
      (_next, context) => async (args) => {
        const api = (context.commandName ?? '').replace(/Command$/, '');
        this.quota.admit(api);
        const output = await this.#answer(api, args.input);
        return { response: {}, output: { ...output, $metadata: { httpStatusCode: 200 } } };
      },
      { step: 'deserialize', priority: 'high', name: 'throttledFakeConnect' },
    );
    return client;
  }

  /** Requests answered (not throttled), per API, by every instance on this quota. */
  get calls(): ReadonlyMap<string, number> {
    return this.quota.calls;
  }

  /** Requests answered, all APIs. */
  get totalCalls(): number {
    return this.quota.totalCalls;
  }

  /** Requests refused with `ThrottlingException` (each attempt counts). */
  get throttled(): number {
    return this.quota.throttled;
  }

  /** The fake's answer to the same command. */
  async #answer(api: string, input: unknown): Promise<object> {
    const Command = commandClass(api);
    return this.api.client.send(new Command(input as object));
  }
}

function commandClass(api: string): ConnectCommandClass {
  const found: unknown = (connect as Record<string, unknown>)[`${api}Command`];
  if (typeof found !== 'function') throw new Error(`No Connect command ${api}Command`);
  return found as ConnectCommandClass;
}
