import type { Clock, VersionStore } from '../../core/ports.js';
import { type MemoryStores, memoryStores } from './memoryStores.js';

/**
 * The five in-memory stores behind the old all-in-one `VersionStore`, while callers move to the
 * narrow ports; it holds no logic of its own.
 * @deprecated Use {@link memoryStores} or the fake of the port you need.
 */
export class MemoryVersionStore implements VersionStore {
  readonly #stores: MemoryStores;

  constructor(clock: Clock) {
    this.#stores = memoryStores(clock);
  }

  appendVersion: VersionStore['appendVersion'] = (draft) => this.#stores.versions.appendVersion(draft);
  getVersion: VersionStore['getVersion'] = (env, flowKey, number) =>
    this.#stores.versions.getVersion(env, flowKey, number);
  listVersions: VersionStore['listVersions'] = (env, flowKey) =>
    this.#stores.versions.listVersions(env, flowKey);
  getHead: VersionStore['getHead'] = (env, flowKey) => this.#stores.versions.getHead(env, flowKey);
  listHeads: VersionStore['listHeads'] = (env) => this.#stores.versions.listHeads(env);
  markPublished: VersionStore['markPublished'] = (env, flowKey, version, target) =>
    this.#stores.versions.markPublished(env, flowKey, version, target);
  createRequest: VersionStore['createRequest'] = (request) => this.#stores.requests.createRequest(request);
  getRequest: VersionStore['getRequest'] = (id) => this.#stores.requests.getRequest(id);
  listRequests: VersionStore['listRequests'] = (env, state) => this.#stores.requests.listRequests(env, state);
  transitionRequest: VersionStore['transitionRequest'] = (id, from, to, patch) =>
    this.#stores.requests.transitionRequest(id, from, to, patch);
  putMapping: VersionStore['putMapping'] = (mapping) => this.#stores.mappings.putMapping(mapping);
  listMappings: VersionStore['listMappings'] = (env) => this.#stores.mappings.listMappings(env);
  appendAudit: VersionStore['appendAudit'] = (event) => this.#stores.audit.appendAudit(event);
  listAudit: VersionStore['listAudit'] = (env, since) => this.#stores.audit.listAudit(env, since);
  claimOnce: VersionStore['claimOnce'] = (key, expiresAt) => this.#stores.claims.claimOnce(key, expiresAt);
  releaseClaim: VersionStore['releaseClaim'] = (key) => this.#stores.claims.releaseClaim(key);
  hasClaim: VersionStore['hasClaim'] = (key) => this.#stores.claims.hasClaim(key);
}
