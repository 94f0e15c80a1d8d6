import "server-only";

/** The facts a notice was written with (its webhook body): what a digest line shows. */
interface NoticeFacts {
  event: string;
  kind: string;
  store_name: string;
  position: number;
  subject: string;
  not_after: string;
  days_left: number;
  threshold_days: number;
  sha256_fingerprint: string;
  used_by: { name: string; version: string; title: string }[];
}

const when = (f: NoticeFacts) =>
  f.event === "certificate.expired"
    ? `EXPIRED on ${f.not_after.slice(0, 10)}`
    : `expires ${f.not_after.slice(0, 10)} (${f.days_left} day${f.days_left === 1 ? "" : "s"} left)`;

/** One e-mail per organization and run, listing every notice it carries, most urgent first. */
export function digestMail(org: { name: string; title: string }, payloads: string[], consoleUrl: string) {
  const facts = payloads.map((p) => JSON.parse(p) as NoticeFacts).sort((a, b) => a.days_left - b.days_left);
  const expired = facts.filter((f) => f.event === "certificate.expired").length;
  const count = `${facts.length} certificate${facts.length === 1 ? "" : "s"}`;
  const lines = facts.map((f) => {
    const where = `${f.kind} "${f.store_name}"${f.kind === "keystore" ? ` position ${f.position}` : ""}`;
    const used = f.used_by.length
      ? f.used_by.map((u) => `${u.title} (${u.name}:${u.version})`).join(", ")
      : "no profile";
    return [
      `- ${f.subject}`,
      `  ${when(f)}, in ${where}`,
      `  used by: ${used}`,
      `  SHA-256 ${f.sha256_fingerprint}`,
    ].join("\n");
  });
  return {
    subject: `[TLS console] ${org.title}: ${count} ${expired ? "expired or expiring" : "expiring"}`,
    text: [
      `Certificates in ${org.title} (${org.name}) that crossed an expiry notification threshold:`,
      "",
      ...lines,
      "",
      `Replace them in the console: ${consoleUrl}/orgs/${org.name}/resources/tls/keystores`,
      "",
      `You receive this as an owner or administrator of ${org.title}, or as an address its settings list.`,
    ].join("\n"),
  };
}
