/** Permissions as API Connect groups them; TLS material lives under Settings. */
/**
 * "policy:manage" sets the organization's TLS policy (ADR 027): the rule every Settings: Manage holder's saves must
 * pass, so it is not part of Settings: Manage. Owners and administrators hold it ("*"); an owner may grant it to a
 * custom role, and the role hierarchy (ADR 011) keeps anyone else from granting it.
 */
export const PERMISSIONS = ["settings:view", "settings:manage", "members:manage", "policy:manage"] as const;
export type Permission = (typeof PERMISSIONS)[number];

export const PERMISSION_LABELS: Record<Permission, string> = {
  "settings:view": "Settings: View",
  "settings:manage": "Settings: Manage",
  "members:manage": "Members: Manage",
  "policy:manage": "TLS policy: Manage",
};

/** Built-in roles; Owner and Administrator hold every permission and cannot be changed. */
export const BUILTIN_ROLES = [
  { name: "owner", title: "Owner", permissions: "*" },
  { name: "administrator", title: "Administrator", permissions: "*" },
  { name: "member", title: "Member", permissions: "" },
] as const;

function parsePermissions(stored: string): Set<Permission | "*"> {
  return new Set(
    stored
      .split(",")
      .map((p) => p.trim())
      .filter((p): p is Permission | "*" => p === "*" || (PERMISSIONS as readonly string[]).includes(p)),
  );
}

/** Manage implies view: whoever may change TLS material may read it. */
export function hasPermission(stored: string, wanted: Permission): boolean {
  const granted = parsePermissions(stored);
  if (granted.has("*") || granted.has(wanted)) return true;
  return wanted === "settings:view" && granted.has("settings:manage");
}
