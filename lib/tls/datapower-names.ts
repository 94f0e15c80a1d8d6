/** Stands for the catalog until the console has catalogs: the gateway name then depends on where it is published. */
const CATALOG_PLACEHOLDER = "{catalog}";

/** The names under which DataPower holds a published TLS profile (reference: "Names on the DataPower gateway"). */
export interface DataPowerNames {
  /** DataPower API Gateway: `{provider-org}_{catalog}_tlsp-{name}V{version}`. */
  api_gateway: string;
  /** DataPower Gateway (v5-compatible): `{provider-org}-{name}V{version}`. */
  v5_compatible_gateway: string;
  /** Why a placeholder appears. */
  note: string;
}

export function dataPowerNames(org: string, name: string, version: string): DataPowerNames {
  return {
    api_gateway: `${org}_${CATALOG_PLACEHOLDER}_tlsp-${name}V${version}`,
    v5_compatible_gateway: `${org}-${name}V${version}`,
    note: `${CATALOG_PLACEHOLDER} is the catalog the profile is published to; the console has no catalogs yet.`,
  };
}
