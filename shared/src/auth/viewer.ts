/** Roles a viewer can hold. Scopes in tokens use the same words. */
export const Role = {
  MEMBER: 'member',
  DATA_STEWARD: 'data_steward',
  TRAINING_MANAGER: 'training_manager',
  EVENT_ORGANISER: 'event_organiser',
  ADMIN: 'admin',
} as const;
export type Role = (typeof Role)[keyof typeof Role];

export const ALL_ROLES: readonly Role[] = Object.values(Role);

/** Who is asking. `null` in a context means an anonymous caller. */
export interface Viewer {
  /** Subject: the person's id in the members subgraph (or a service account name). */
  sub: string;
  /** The organisation the viewer acts for, if any. */
  org?: string;
  roles: Role[];
}

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ALL_ROLES as readonly string[]).includes(value);
}

export function hasRole(viewer: Viewer | null, ...roles: Role[]): boolean {
  if (!viewer) return false;
  return viewer.roles.includes(Role.ADMIN) || roles.some((role) => viewer.roles.includes(role));
}
