"use client";

import { Tag } from "@/components/carbon";
import { CIPHER_BY_NAME, type CipherName } from "@/lib/tls/ciphers";
import type { TlsProtocol } from "@/lib/tls/protocols";
import { effectiveCiphers } from "@/lib/tls/tls13-rule";

/** Live preview of what will be stored: the same rule the server applies on save. */
export function EffectiveCiphers({ protocols, ciphers }: { protocols: TlsProtocol[]; ciphers: CipherName[] }) {
  const effective = effectiveCiphers(protocols, ciphers);
  const added = effective.filter((c) => !ciphers.includes(c));
  const dropped = ciphers.filter((c) => !effective.includes(c));
  return (
    <section className="effective-ciphers" aria-labelledby="effective-title" aria-live="polite">
      <h3 id="effective-title" className="cds--label">
        Effective ciphers ({effective.length})
      </h3>
      {added.length > 0 && (
        <p data-testid="tls13-added">
          TLS 1.3 is selected without a TLS 1.3 cipher, so all {added.length} TLS 1.3 ciphers will be added.
        </p>
      )}
      {dropped.length > 0 && (
        <p data-testid="tls13-dropped">
          TLS 1.3 is not selected, so {dropped.length} TLS 1.3 cipher{dropped.length > 1 ? "s" : ""} will not be saved.
        </p>
      )}
      <ul className="effective-ciphers__list" data-testid="effective-ciphers">
        {effective.map((c) => (
          <li key={c}>
            <code>{c}</code>
            {added.includes(c) && (
              <Tag size="sm" type="blue">
                added by TLS 1.3 rule
              </Tag>
            )}
            {(CIPHER_BY_NAME.get(c)?.weaknesses.length ?? 0) > 0 && (
              <Tag size="sm" type="red">
                weak
              </Tag>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
