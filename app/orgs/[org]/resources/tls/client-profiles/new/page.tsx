import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ClientProfileForm } from "@/components/tls/client-profile-form";
import { AppError } from "@/lib/errors";
import { pageOrg } from "@/lib/server/page-context";
import { getClientProfile } from "@/lib/server/tls-client-profiles";
import { CLIENT_PROFILE_DEFAULTS } from "@/lib/tls/client-profile-schema";
import { formValuesOf } from "@/lib/tls/profile-form-values";

export const metadata: Metadata = { title: "Create TLS client profile" };

type Props = { params: Promise<{ org: string }>; searchParams: Promise<{ from?: string; version?: string }> };

/** Create, or with ?from=name&version=v a new version prefilled from that one (name fixed). */
export default async function NewClientProfilePage({ params, searchParams }: Props) {
  const { org } = await params;
  const { from, version } = await searchParams;
  const ctx = await pageOrg(org, "settings:manage");
  const source =
    from && version
      ? await getClientProfile(ctx, from, version).catch((e) => {
          if (e instanceof AppError && e.code === "NOT_FOUND") notFound();
          throw e;
        })
      : null;
  return (
    <div className="page page--form">
      <header className="page__header">
        <p className="page__eyebrow">Resources · TLS · TLS client profiles</p>
        <h1>{source ? `New version of ${source.title}` : "Create TLS client profile"}</h1>
        {source && (
          <p>
            Based on version {source.version}. The name stays {source.name}.
          </p>
        )}
      </header>
      <ClientProfileForm
        org={ctx.org.name}
        mode={source ? "new-version" : "create"}
        defaultValues={source ? { ...formValuesOf(source), version: "" } : CLIENT_PROFILE_DEFAULTS}
      />
    </div>
  );
}
