import { redirect } from "next/navigation";
import { OPERATIONS } from "@/lib/auth/operations";
import { pageOrg } from "@/lib/server/faces/page";

/** An organization's home is its TLS page when the role may see it, else Members for those who manage them. */
export default async function OrgHome({ params }: { params: Promise<{ org: string }> }) {
  const { org } = await params;
  const ctx = await pageOrg(org, OPERATIONS.viewTls).catch(() => null);
  if (ctx) redirect(`/orgs/${org}/resources/tls`);
  const manager = await pageOrg(org, OPERATIONS.viewMembers);
  redirect(`/orgs/${manager.org.name}/members`);
}
