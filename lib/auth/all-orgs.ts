/**
 * Who may read across every organization (the expiry overview's "All organizations"): an owner or administrator of
 * the admin organization (Cloud Manager), as in API Connect, where the Cloud Manager administers the whole
 * installation. Custom roles never qualify, whatever they hold, and neither does an API key restricted to one
 * organization: it was made to act in that organization alone.
 */
export function mayViewAllOrgs(ctx: {
  org: { type: string };
  role: { name: string };
  actor: { onlyOrgId?: string };
}): boolean {
  return ctx.org.type === "admin" && ["owner", "administrator"].includes(ctx.role.name) && !ctx.actor.onlyOrgId;
}
