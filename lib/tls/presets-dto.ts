import { CIPHER_BY_NAME } from "./ciphers";
import { TLS_PRESETS } from "./presets";

/** What GET /api/tls-presets answers: each preset with its lists, and which suites the catalogue flags weak. */
export function presetsDto() {
  const results = TLS_PRESETS.map((p) => ({
    id: p.id,
    title: p.title,
    description: p.description,
    legacy: p.legacy,
    protocols: p.protocols,
    ciphers: p.ciphers,
    weak_ciphers: p.ciphers.filter((c) => (CIPHER_BY_NAME.get(c)?.weaknesses.length ?? 0) > 0),
  }));
  return { total_results: results.length, results };
}
