import type { DataPowerNames } from "@/lib/tls/datapower-names";

/** The names a gateway holds the published profile under, as documented; the catalog stays a placeholder. */
export function DataPowerNamesSection({ names }: { names: DataPowerNames }) {
  return (
    <section aria-labelledby="datapower-title" className="datapower-names">
      <h2 id="datapower-title">DataPower object names</h2>
      <dl>
        <dt>DataPower API Gateway</dt>
        <dd className="mono">{names.api_gateway}</dd>
        <dt>DataPower Gateway (v5-compatible)</dt>
        <dd className="mono">{names.v5_compatible_gateway}</dd>
      </dl>
      <p className="datapower-names__note">{names.note}</p>
    </section>
  );
}
