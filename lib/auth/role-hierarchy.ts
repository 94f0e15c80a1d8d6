import { hasPermission, PERMISSIONS } from "@/lib/auth/permissions";

/**
 * Who may give which role to whom (docs/decisions/011). One pure module read by the data layer (the check that
 * counts), the members page (to offer only grantable roles) and the tests. The "at least one owner" rule needs the
 * database and lives with the data layer, behind a lock.
 */
export interface RoleLike {
  name: string;
  permissions: string;
}

/** Built-in roles only owners may grant or take away: they hold every permission, members management included. */
const OWNER_ONLY_ROLES: readonly string[] = ["owner", "administrator"];

const isOwner = (role: RoleLike) => role.name === "owner";

/** Every permission `role` confers is also held by `holder` (with "*" and manage-implies-view expanded). */
export function holdsAllOf(holder: RoleLike, role: RoleLike): boolean {
  return PERMISSIONS.every((p) => !hasPermission(role.permissions, p) || hasPermission(holder.permissions, p));
}

type GrantRefusal = { field: "role"; message: string };

/**
 * Why `actor` may not give `next` to a member whose role is `current` (undefined for an invitation), or null
 * when the grant is allowed. `self` is true when the actor is changing their own membership.
 */
export function grantRefusal(
  actor: RoleLike,
  next: RoleLike,
  target?: { current: RoleLike; self: boolean },
): GrantRefusal | null {
  if (target?.self) return { field: "role", message: "You cannot change your own role." };
  const touchesOwnerOnly = [next, target?.current].some((r) => r && OWNER_ONLY_ROLES.includes(r.name));
  if (touchesOwnerOnly && !isOwner(actor)) {
    return { field: "role", message: "Only an owner can grant or remove the Owner and Administrator roles." };
  }
  if (!holdsAllOf(actor, next)) {
    return { field: "role", message: "You cannot grant a role with permissions you do not hold." };
  }
  if (target && !holdsAllOf(actor, target.current)) {
    return { field: "role", message: "You cannot change the role of a member who holds permissions you do not." };
  }
  return null;
}

/** The roles the members page offers `actor` for an invitation. */
export function grantableRoles<R extends RoleLike>(actor: RoleLike, roles: readonly R[]): R[] {
  return roles.filter((r) => grantRefusal(actor, r) === null);
}
