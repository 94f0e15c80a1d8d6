import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ClientProfileForm } from "@/components/tls/client-profile-form";
import { hasPermission } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors";
import { pageOrg } from "@/lib/server/page-context";
import { getClientProfile } from "@/lib/server/tls-client-profiles";
import { formValuesOf } from "@/lib/tls/profile-form-values";

export const metadata: Metadata = { title: "TLS client profile" };

type Props = { params: Promise<{ org: string; name: string; version: string }> };

/** Details; editable for Settings: Manage, read-only (no write controls) for Settings: View. */
export default async function ClientProfilePage({ params }: Props) {
  const { org, name, version } = await params;
  const ctx = await pageOrg(org, "settings:view");
  const profile = await getClientProfile(ctx, name, decodeURIComponent(version)).catch((e) => {
    if (e instanceof AppError && e.code === "NOT_FOUND") notFound();
    throw e;
  });
  const canManage = hasPermission(ctx.role.permissions, "settings:manage");
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
      <ClientProfileForm
        key={profile.row_version}
        org={ctx.org.name}
        mode={canManage ? "edit" : "view"}
        defaultValues={formValuesOf(profile)}
        target={{ name: profile.name, version: profile.version, rowVersion: profile.row_version }}
      />
    </div>
  );
}
