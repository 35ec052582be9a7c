import type { Role } from './org.model';

/**
 * Where every change of membership is told: the v1.8 webhooks send `organization.member_added`,
 * `organization.member_removed` and `organization.member_role_changed` from here. Until they are wired in
 * (createServices), nothing listens.
 */
export type OrgEvents = {
  memberAdded(event: { orgId: string; userId: string; role: Role }): Promise<void>;
  memberRemoved(event: { orgId: string; userId: string; role: Role }): Promise<void>;
  roleChanged(event: { orgId: string; userId: string; from: Role; to: Role }): Promise<void>;
};

export const noOrgEvents: OrgEvents = {
  memberAdded: () => Promise.resolve(),
  memberRemoved: () => Promise.resolve(),
  roleChanged: () => Promise.resolve(),
};
