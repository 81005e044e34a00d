/** Roles and what each may open. Shared by server guards and the navigation. */
export const ROLES = ["AGENT", "SUPERVISOR", "ADMIN"] as const;
export type Role = (typeof ROLES)[number];

export const STAFF_ROLES: readonly Role[] = ROLES;
export const SUPERVISOR_ROLES: readonly Role[] = ["SUPERVISOR", "ADMIN"];
export const ADMIN_ROLES: readonly Role[] = ["ADMIN"];

export function hasRole(role: Role, allowed: readonly Role[]): boolean {
  return allowed.includes(role);
}

/** Where a user lands after signing in. */
export function homePathFor(role: Role): string {
  if (role === "ADMIN") return "/admin";
  if (role === "SUPERVISOR") return "/supervisor";
  return "/agent";
}
