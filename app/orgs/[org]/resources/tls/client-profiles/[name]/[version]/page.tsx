import type { Metadata } from "next";
import { ProfileLintSection } from "@/components/tls/profile-lint-section";
import { ProfilePageHeader } from "@/components/tls/profile-page-header";
import { ClientProfileForm } from "@/components/tls/client-profile-form";
import { ClientProfileProbes } from "@/components/probes/profile-probes";
import { may, OPERATIONS } from "@/lib/auth/operations";
import { keystoreChoices } from "@/lib/server/stores/keystores";
import { keystoreUsages } from "@/lib/server/lint/keystore-usages";
import { decodedParam, orNotFound, pageOrg } from "@/lib/server/faces/page";
import { historyOf } from "@/lib/server/probes/connection-history";
import { getClientProfile } from "@/lib/server/profiles/client-profiles";
import { truststoreChoices } from "@/lib/server/stores/truststores";
import { formValuesOf } from "@/lib/tls/profile-form-values";

export const metadata: Metadata = { title: "TLS client profile" };

type Props = { params: Promise<{ org: string; name: string; version: string }> };

/**
 * Details; editable for Settings: Manage, read-only for Settings: View and for protected defaults. Below: "Test
 * connection" (Settings: Manage, defaults too) and the recent tests (everyone who sees the page).
 */
export default async function ClientProfilePage({ params }: Props) {
  const { org, name, version } = await params;
  const ctx = await pageOrg(org, OPERATIONS.viewClientProfiles);
  const profile = await orNotFound(getClientProfile(ctx, name, decodedParam(version)));
  const canManage = may(ctx.role.permissions, "updateClientProfile");
  const editable = canManage && !profile.is_default;
  const [keystores, truststores, usages, history] = await Promise.all([
    keystoreChoices(ctx),
    truststoreChoices(ctx),
    keystoreUsages(ctx),
    // The profile is loaded above: its history by id, not through a second lookup.
    historyOf(ctx, { clientProfileId: profile.id }),
  ]);
  return (
    <div className="page page--form">
      <ProfilePageHeader
        section="TLS client profiles"
        profile={profile}
        duplicateHref={
          canManage
            ? `/orgs/${ctx.org.name}/resources/tls/client-profiles/new?from=${profile.name}&version=${encodeURIComponent(profile.version)}&copy=1`
            : undefined
        }
      />
      <ProfileLintSection profile={profile} />
      <ClientProfileForm
        key={profile.row_version}
        org={ctx.org.name}
        mode={editable ? "edit" : "view"}
        defaultValues={formValuesOf(profile)}
        target={{ name: profile.name, version: profile.version, rowVersion: profile.row_version }}
        keystores={keystores}
        truststores={truststores}
        keystoreUsages={usages}
      />
      <ClientProfileProbes
        org={ctx.org.name}
        profile={{ name: profile.name, version: profile.version }}
        canRun={may(ctx.role.permissions, "testClientProfile")}
        history={history}
        editable={editable}
      />
    </div>
  );
}
