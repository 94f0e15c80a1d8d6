import type { Metadata } from "next";
import { TlsPolicyForm } from "@/components/policy/tls-policy-form";
import { may, OPERATIONS } from "@/lib/auth/operations";
import { pageOrg } from "@/lib/server/faces/page";
import { policyViolations } from "@/lib/server/policy/compliance";
import { getTlsPolicy } from "@/lib/server/policy/policy";

export const metadata: Metadata = { title: "TLS policy" };

export default async function TlsPolicyPage({ params }: { params: Promise<{ org: string }> }) {
  const { org } = await params;
  const ctx = await pageOrg(org, OPERATIONS.viewTlsPolicy);
  const [policy, report] = await Promise.all([getTlsPolicy(ctx), policyViolations(ctx, {})]);
  const { updated_at, updated_by, ...rules } = policy;
  return (
    <div className="page">
      <header className="page__header">
        <p className="page__eyebrow">{ctx.org.title} · Settings</p>
        <h1>TLS policy</h1>
        <p>
          Rules every save of a TLS profile or keystore must pass, in the console and through the REST API: a save that
          breaks one is refused at the field, naming the rule. Installation defaults are exempt (they cannot be edited)
          but listed below.
          {updated_at && ` Last changed by ${updated_by} on ${updated_at.slice(0, 10)}.`}
        </p>
      </header>
      <TlsPolicyForm
        org={ctx.org.name}
        saved={rules}
        inForce={report}
        canSave={may(ctx.role.permissions, "saveTlsPolicy")}
      />
    </div>
  );
}
