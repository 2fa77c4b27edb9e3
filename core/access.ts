import type { Actor, FlowgateConfig, Role } from './config.js';
import { ServiceError } from './errors.js';

const RANK: Readonly<Record<Role, number>> = { viewer: 0, editor: 1, publisher: 2 };

/** The highest role `actor` holds (by id or by one of their groups), or null. */
export function roleOf(config: FlowgateConfig, actor: Actor): Role | null {
  const ids = new Set([actor.id, ...actor.groups]);
  const holds = (list: readonly string[]) => list.some((entry) => ids.has(entry));
  if (holds(config.roles.publishers)) return 'publisher';
  if (holds(config.roles.editors)) return 'editor';
  if (holds(config.roles.viewers)) return 'viewer';
  return null;
}

/** True when `actor` holds `role` or a higher one (a publisher may also edit and view). */
export function hasRole(config: FlowgateConfig, actor: Actor, role: Role): boolean {
  const held = roleOf(config, actor);
  return held !== null && RANK[held] >= RANK[role];
}

/** Throws `ServiceError('forbidden')` naming what is missing unless `actor` holds `role`. */
export function requireRole(config: FlowgateConfig, actor: Actor, role: Role, doing: string): void {
  if (hasRole(config, actor, role)) return;
  throw new ServiceError(
    'forbidden',
    `${actor.id} may not ${doing}: that needs the ${role} role (ask an admin to add you to roles.${role}s in the flowgate config).`,
    { facts: { kind: 'role', role, doing } },
  );
}

/** Who may approve a request of `requester`: the publishers' role entries (users, user groups, names) but the requester. */
export function approversOf(config: FlowgateConfig, requester: string): string[] {
  return config.roles.publishers.filter((entry) => entry !== requester);
}

/** The environment's configuration, or `ServiceError('unknown-environment')` listing the known ones. */
export function environmentOf(config: FlowgateConfig, env: string) {
  const found = config.environments[env];
  if (found !== undefined) return found;
  const known = Object.keys(config.environments).join(', ') || 'none';
  throw new ServiceError('unknown-environment', `There is no environment '${env}' (known: ${known}).`);
}

/** The role entries that are Slack user-group ids (`S…`): whose members hold a role through them. */
export function configuredGroups(config: FlowgateConfig): string[] {
  const { viewers, editors, publishers } = config.roles;
  return [...new Set([...viewers, ...editors, ...publishers])].filter((entry) => /^S[A-Z0-9]+$/.test(entry));
}
