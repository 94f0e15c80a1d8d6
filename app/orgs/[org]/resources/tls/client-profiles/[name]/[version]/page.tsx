import type { Metadata } from "next";
import { DefaultNotice } from "@/components/tls/default-notice";
import { ClientProfileForm } from "@/components/tls/client-profile-form";
import { hasPermission } from "@/lib/auth/permissions";
import { keystoreChoices } from "@/lib/server/keystores";
import { orNotFound, pageOrg } from "@/lib/server/page-context";
import { getClientProfile } from "@/lib/server/tls-client-profiles";
import { truststoreChoices } from "@/lib/server/truststores";
import { formValuesOf } from "@/lib/tls/profile-form-values";

export const metadata: Metadata = { title: "TLS client profile" };

type Props = { params: Promise<{ org: string; name: string; version: string }> };

/** Details; editable for Settings: Manage, read-only for Settings: View and for protected defaults. */
export default async function ClientProfilePage({ params }: Props) {
  const { org, name, version } = await params;
  const ctx = await pageOrg(org, "settings:view");
  const profile = await orNotFound(getClientProfile(ctx, name, decodeURIComponent(version)));
  const canManage = hasPermission(ctx.role.permissions, "settings:manage");
  const [keystores, truststores] = await Promise.all([keystoreChoices(ctx), truststoreChoices(ctx)]);
  return (
    <div className="page page--form">
      <header className="page__header">
        <p className="page__eyebrow">Resources · TLS · TLS client profiles</p>
        <h1>
          {profile.title} <span className="page__version">{profile.version}</span>
        </h1>
        <p>
          Last changed by {profile.updated_by} at <time dateTime={profile.updated_at}>{profile.updated_at}</time>
        </p>
      </header>
      {profile.is_default && (
        <DefaultNotice
          noun="TLS client profile"
          duplicateHref={
            canManage
              ? `/orgs/${ctx.org.name}/resources/tls/client-profiles/new?from=${profile.name}&version=${encodeURIComponent(profile.version)}&copy=1`
              : undefined
          }
        />
      )}
      <ClientProfileForm
        key={profile.row_version}
        org={ctx.org.name}
        mode={canManage && !profile.is_default ? "edit" : "view"}
        defaultValues={formValuesOf(profile)}
        target={{ name: profile.name, version: profile.version, rowVersion: profile.row_version }}
        keystores={keystores}
        truststores={truststores}
      />
    </div>
  );
}
