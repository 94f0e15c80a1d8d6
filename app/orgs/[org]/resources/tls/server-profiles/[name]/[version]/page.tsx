import type { Metadata } from "next";
import { ProfileLintSection } from "@/components/tls/profile-lint-section";
import { ProfilePageHeader } from "@/components/tls/profile-page-header";
import { ServerProfileForm } from "@/components/tls/server-profile-form";
import { ServerProfileProbes } from "@/components/probes/profile-probes";
import { may, OPERATIONS } from "@/lib/auth/operations";
import { keystoreChoices } from "@/lib/server/stores/keystores";
import { keystoreUsages } from "@/lib/server/lint/keystore-usages";
import { decodedParam, orNotFound, pageOrg } from "@/lib/server/faces/page";
import { historyOf } from "@/lib/server/probes/connection-history";
import { clientProfileChoices } from "@/lib/server/probes/server-check";
import { getServerProfile } from "@/lib/server/profiles/server-profiles";
import { truststoreChoices } from "@/lib/server/stores/truststores";
import { serverFormValuesOf } from "@/lib/tls/profile-form-values";

export const metadata: Metadata = { title: "TLS server profile" };

type Props = { params: Promise<{ org: string; name: string; version: string }> };

export default async function ServerProfilePage({ params }: Props) {
  const { org, name, version } = await params;
  const ctx = await pageOrg(org, OPERATIONS.viewServerProfiles);
  const profile = await orNotFound(getServerProfile(ctx, name, decodedParam(version)));
  const canManage = may(ctx.role.permissions, "updateServerProfile");
  const editable = canManage && !profile.is_default;
  const canCheck = may(ctx.role.permissions, "checkServerProfile");
  const [keystores, truststores, usages, history, clientProfiles] = await Promise.all([
    keystoreChoices(ctx),
    truststoreChoices(ctx),
    keystoreUsages(ctx),
    historyOf(ctx, { serverProfileId: profile.id }),
    canCheck ? clientProfileChoices(ctx) : [],
  ]);
  return (
    <div className="page page--form">
      <ProfilePageHeader
        section="TLS server profiles"
        profile={profile}
        duplicateHref={
          canManage
            ? `/orgs/${ctx.org.name}/resources/tls/server-profiles/new?from=${profile.name}&version=${encodeURIComponent(profile.version)}&copy=1`
            : undefined
        }
      />
      <ProfileLintSection profile={profile} />
      <ServerProfileForm
        key={profile.row_version}
        org={ctx.org.name}
        mode={editable ? "edit" : "view"}
        defaultValues={serverFormValuesOf(profile)}
        target={{ name: profile.name, version: profile.version, rowVersion: profile.row_version }}
        keystores={keystores}
        truststores={truststores}
        keystoreUsages={usages}
      />
      <ServerProfileProbes
        org={ctx.org.name}
        profile={{ name: profile.name, version: profile.version }}
        canRun={canCheck}
        history={history}
        editable={editable}
        clientProfiles={clientProfiles}
      />
    </div>
  );
}
