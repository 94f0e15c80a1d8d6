import type { Metadata } from "next";
import { ClientProfileForm } from "@/components/tls/client-profile-form";
import { OPERATIONS } from "@/lib/auth/operations";
import { keystoreChoices } from "@/lib/server/stores/keystores";
import { keystoreUsages } from "@/lib/server/lint/keystore-usages";
import { orNotFound, pageOrg } from "@/lib/server/faces/page";
import { getClientProfile } from "@/lib/server/profiles/client-profiles";
import { truststoreChoices } from "@/lib/server/stores/truststores";
import { CLIENT_PROFILE_DEFAULTS } from "@/lib/tls/client-profile-schema";
import { duplicateOf } from "@/lib/tls/duplicate";
import { formValuesOf } from "@/lib/tls/profile-form-values";

export const metadata: Metadata = { title: "Create TLS client profile" };

type Props = {
  params: Promise<{ org: string }>;
  searchParams: Promise<{ from?: string; version?: string; copy?: string }>;
};

/** Create; with ?from=name&version=v a new version prefilled from that one (name fixed); with &copy=1 a duplicate. */
export default async function NewClientProfilePage({ params, searchParams }: Props) {
  const { org } = await params;
  const { from, version, copy } = await searchParams;
  const ctx = await pageOrg(org, OPERATIONS.createClientProfile);
  const source = from && version ? await orNotFound(getClientProfile(ctx, from, version)) : null;
  const [keystores, truststores, usages] = await Promise.all([
    keystoreChoices(ctx),
    truststoreChoices(ctx),
    keystoreUsages(ctx),
  ]);
  const duplicate = !!source && copy === "1";
  return (
    <div className="page page--form">
      <header className="page__header">
        <p className="page__eyebrow">Resources · TLS · TLS client profiles</p>
        <h1>
          {!source
            ? "Create TLS client profile"
            : duplicate
              ? `Duplicate ${source.title}`
              : `New version of ${source.title}`}
        </h1>
        {source && !duplicate && (
          <p>
            Based on version {source.version}. The name stays {source.name}.
          </p>
        )}
      </header>
      <ClientProfileForm
        org={ctx.org.name}
        mode={source && !duplicate ? "new-version" : "create"}
        defaultValues={
          !source
            ? CLIENT_PROFILE_DEFAULTS
            : duplicate
              ? duplicateOf(formValuesOf(source))
              : { ...formValuesOf(source), version: "" }
        }
        keystores={keystores}
        truststores={truststores}
        keystoreUsages={usages}
      />
    </div>
  );
}
