import type { Metadata } from "next";
import { ServerProfileForm } from "@/components/tls/server-profile-form";
import { OPERATIONS } from "@/lib/auth/operations";
import { keystoreChoices } from "@/lib/server/stores/keystores";
import { keystoreUsages } from "@/lib/server/lint/keystore-usages";
import { orNotFound, pageOrg } from "@/lib/server/faces/page";
import { getServerProfile } from "@/lib/server/profiles/server-profiles";
import { truststoreChoices } from "@/lib/server/stores/truststores";
import { duplicateOf } from "@/lib/tls/duplicate";
import { serverFormValuesOf } from "@/lib/tls/profile-form-values";
import { SERVER_PROFILE_DEFAULTS } from "@/lib/tls/server-profile-schema";

export const metadata: Metadata = { title: "Create TLS server profile" };

type Props = {
  params: Promise<{ org: string }>;
  searchParams: Promise<{ from?: string; version?: string; copy?: string }>;
};

export default async function NewServerProfilePage({ params, searchParams }: Props) {
  const { org } = await params;
  const { from, version, copy } = await searchParams;
  const ctx = await pageOrg(org, OPERATIONS.createServerProfile);
  const source = from && version ? await orNotFound(getServerProfile(ctx, from, version)) : null;
  const [keystores, truststores, usages] = await Promise.all([
    keystoreChoices(ctx),
    truststoreChoices(ctx),
    keystoreUsages(ctx),
  ]);
  const duplicate = !!source && copy === "1";
  return (
    <div className="page page--form">
      <header className="page__header">
        <p className="page__eyebrow">Resources · TLS · TLS server profiles</p>
        <h1>
          {!source
            ? "Create TLS server profile"
            : duplicate
              ? `Duplicate ${source.title}`
              : `New version of ${source.title}`}
        </h1>
      </header>
      <ServerProfileForm
        org={ctx.org.name}
        mode={source && !duplicate ? "new-version" : "create"}
        defaultValues={
          !source
            ? SERVER_PROFILE_DEFAULTS
            : duplicate
              ? duplicateOf(serverFormValuesOf(source))
              : { ...serverFormValuesOf(source), version: "" }
        }
        keystores={keystores}
        truststores={truststores}
        keystoreUsages={usages}
      />
    </div>
  );
}
