import type { Metadata } from "next";
import { ApiKeysManager } from "@/components/account/api-keys-manager";
import { listApiKeys } from "@/lib/server/access/api-keys";
import { listMyOrgs } from "@/lib/server/access/require-org";
import { pageActor } from "@/lib/server/faces/page";

export const metadata: Metadata = { title: "API keys" };

export default async function ApiKeysPage() {
  const actor = await pageActor();
  const [keys, orgs] = await Promise.all([listApiKeys(actor), listMyOrgs(actor)]);
  return (
    <div className="page">
      <header className="page__header">
        <h1>API keys</h1>
        <p>Keys act as you in the REST API (Authorization: Bearer …). A key is shown once, when it is created.</p>
      </header>
      <ApiKeysManager keys={keys} orgs={orgs.map(({ name, title }) => ({ name, title }))} />
    </div>
  );
}
