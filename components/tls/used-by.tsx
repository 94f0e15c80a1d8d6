import Link from "next/link";
import type { DependantDto } from "@/lib/tls/store-dto";

/** "Where used": every profile referring to this keystore or truststore. */
export function UsedBy({ org, dependants }: { org: string; dependants: DependantDto[] }) {
  return (
    <section aria-labelledby="used-by-title" className="used-by">
      <h2 id="used-by-title">Used by</h2>
      {dependants.length === 0 ? (
        <p>No profile uses it.</p>
      ) : (
        <ul>
          {dependants.map((d) => {
            const path = d.type === "tls_client_profile" ? "client-profiles" : "server-profiles";
            return (
              <li key={`${d.type}:${d.name}:${d.version}`}>
                <Link href={`/orgs/${org}/resources/tls/${path}/${d.name}/${encodeURIComponent(d.version)}`}>
                  {d.title} {d.version}
                </Link>{" "}
                — {d.type === "tls_client_profile" ? "TLS client profile" : "TLS server profile"}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
