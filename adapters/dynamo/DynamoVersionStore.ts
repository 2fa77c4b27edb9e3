import type { VersionStore } from '../../core/ports.js';
import { DynamoAuditLog } from './DynamoAuditLog.js';
import { DynamoClaims } from './DynamoClaims.js';
import { DynamoMappings } from './DynamoMappings.js';
import { DynamoPublishRequests } from './DynamoPublishRequests.js';
import { DynamoVersions, type DynamoVersionsOptions } from './DynamoVersions.js';

export type { AppendRetryOptions } from './DynamoVersions.js';
export { createVersionTable } from './versionTable.js';

/** What the DynamoDB store needs: what its versions need, the rest being a subset. */
export type DynamoVersionStoreOptions = DynamoVersionsOptions;

/**
 * The five DynamoDB adapters behind the old all-in-one `VersionStore`, while callers move to the
 * narrow ports; it holds no logic of its own.
 * @deprecated Construct the adapter of the port you need.
 */
export class DynamoVersionStore implements VersionStore {
  readonly #versions: DynamoVersions;
  readonly #requests: DynamoPublishRequests;
  readonly #mappings: DynamoMappings;
  readonly #audit: DynamoAuditLog;
  readonly #claims: DynamoClaims;

  constructor(options: DynamoVersionStoreOptions) {
    this.#versions = new DynamoVersions(options);
    this.#requests = new DynamoPublishRequests(options);
    this.#mappings = new DynamoMappings(options);
    this.#audit = new DynamoAuditLog(options);
    this.#claims = new DynamoClaims(options);
  }

  appendVersion: VersionStore['appendVersion'] = (draft) => this.#versions.appendVersion(draft);
  getVersion: VersionStore['getVersion'] = (env, flowKey, number) =>
    this.#versions.getVersion(env, flowKey, number);
  listVersions: VersionStore['listVersions'] = (env, flowKey) => this.#versions.listVersions(env, flowKey);
  getHead: VersionStore['getHead'] = (env, flowKey) => this.#versions.getHead(env, flowKey);
  listHeads: VersionStore['listHeads'] = (env) => this.#versions.listHeads(env);
  markPublished: VersionStore['markPublished'] = (env, flowKey, version, target) =>
    this.#versions.markPublished(env, flowKey, version, target);
  createRequest: VersionStore['createRequest'] = (request) => this.#requests.createRequest(request);
  getRequest: VersionStore['getRequest'] = (id) => this.#requests.getRequest(id);
  listRequests: VersionStore['listRequests'] = (env, state) => this.#requests.listRequests(env, state);
  transitionRequest: VersionStore['transitionRequest'] = (id, from, to, patch) =>
    this.#requests.transitionRequest(id, from, to, patch);
  putMapping: VersionStore['putMapping'] = (mapping) => this.#mappings.putMapping(mapping);
  listMappings: VersionStore['listMappings'] = (env) => this.#mappings.listMappings(env);
  appendAudit: VersionStore['appendAudit'] = (event) => this.#audit.appendAudit(event);
  listAudit: VersionStore['listAudit'] = (env, since) => this.#audit.listAudit(env, since);
  claimOnce: VersionStore['claimOnce'] = (key, expiresAt) => this.#claims.claimOnce(key, expiresAt);
  releaseClaim: VersionStore['releaseClaim'] = (key) => this.#claims.releaseClaim(key);
  hasClaim: VersionStore['hasClaim'] = (key) => this.#claims.hasClaim(key);
}
