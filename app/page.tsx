import { redirect } from "next/navigation";
import { listMyOrgs } from "@/lib/server/access/require-org";
import { pageActor } from "@/lib/server/faces/page";

export default async function Home() {
  const orgs = await listMyOrgs(await pageActor());
  if (orgs.length === 0) redirect("/account/api-keys");
  redirect(`/orgs/${orgs[0].name}`);
}
