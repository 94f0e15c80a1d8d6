import Link from "next/link";
import { forbidden, redirect } from "next/navigation";
import { OPERATIONS } from "@/lib/auth/operations";
import { listMyOrgs } from "@/lib/server/access/require-org";
import { pageActor, pageOrg } from "@/lib/server/faces/page";

/**
 * An organization's home is its TLS page when the role may see it, else Members for those who manage them. A
 * role with neither (the built-in Member) lands here inside the console, told why there is nothing to open yet,
 * rather than on a bare 403 with no way to their account.
 */
export default async function OrgHome({ params }: { params: Promise<{ org: string }> }) {
  const { org } = await params;
  if (await pageOrg(org, OPERATIONS.viewTls).catch(() => null)) redirect(`/orgs/${org}/resources/tls`);
  if (await pageOrg(org, OPERATIONS.viewMembers).catch(() => null)) redirect(`/orgs/${org}/members`);
  const mine = (await listMyOrgs(await pageActor())).find((o) => o.name === org);
  if (!mine) forbidden();
  return (
    <div className="page">
      <header className="page__header">
        <p className="page__eyebrow">{mine.title}</p>
        <h1>Nothing to open here yet</h1>
      </header>
      <p>
        You are a member of {mine.title} with the role {mine.role}, which does not include TLS resources or members. Ask
        an organization administrator or owner for a role with Settings: View.
      </p>
      <p>
        Meanwhile you can manage your <Link href="/account/password">password and sessions</Link> and your{" "}
        <Link href="/account/api-keys">API keys</Link>.
      </p>
    </div>
  );
}
