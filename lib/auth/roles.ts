/**
 * Roles are ranked: each includes the rights of the ones below it. viewer reads; reviewer also reviews and
 * edits pairs; curator also imports, generates, assembles and exports; admin also manages users and settings.
 */
export const ROLES = ["viewer", "reviewer", "curator", "admin"] as const;
export type Role = (typeof ROLES)[number];

export function hasRole(have: Role, need: Role): boolean {
  return ROLES.indexOf(have) >= ROLES.indexOf(need);
}

export function isRole(s: string): s is Role {
  return (ROLES as readonly string[]).includes(s);
}

export interface SessionUser {
  id: number;
  email: string;
  name: string;
  role: Role;
}
