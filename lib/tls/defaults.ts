import { DEFAULT_CIPHERS } from "./ciphers";
import { DEFAULT_PROTOCOLS } from "./protocols";

/**
 * What every installation creates in the admin organization (reference: "Defaults created at installation").
 * Profile names are API Connect's; keystore and truststore names are ours (API Connect does not publish them,
 * docs/decisions/008). Key material is generated per installation by lib/server/defaults.ts.
 */
const DEFAULT_VERSION = "1.0.0";

interface DefaultKeystore {
  name: string;
  title: string;
  usage: "server" | "client" | "signing";
  commonName: string;
}

export const DEFAULT_KEYSTORES: DefaultKeystore[] = [
  {
    name: "tls-server-keystore-default",
    title: "Default TLS server keystore",
    usage: "server",
    commonName: "api-gateway.local",
  },
  {
    name: "analytics-ingestion-keystore-default",
    title: "Analytics ingestion keystore",
    usage: "client",
    commonName: "analytics-ingestion-client",
  },
  {
    name: "portal-director-keystore-default",
    title: "Portal director keystore",
    usage: "client",
    commonName: "portal-director-client",
  },
  {
    name: "gateway-management-client-keystore-default",
    title: "Gateway management client keystore",
    usage: "client",
    commonName: "gateway-management-client",
  },
  {
    name: "id-token-signing-keystore-default",
    title: "id_token signing keystore",
    usage: "signing",
    commonName: "id-token-signing",
  },
  {
    name: "self-signed-token-keystore-default",
    title: "Self-signed token keystore",
    usage: "signing",
    commonName: "self-signed-token",
  },
  {
    name: "temporary-token-keystore-default",
    title: "Temporary token keystore",
    usage: "signing",
    commonName: "temporary-token",
  },
  {
    name: "access-token-signing-keystore-default",
    title: "access_token signing keystore",
    usage: "signing",
    commonName: "access-token-signing",
  },
];

export const DEFAULT_TRUSTSTORES = [
  { name: "analytics-ingestion-truststore-default", title: "Analytics ingestion truststore" },
  { name: "portal-director-truststore-default", title: "Portal director truststore" },
  { name: "gateway-management-client-truststore-default", title: "Gateway management client truststore" },
];

const common = { version: DEFAULT_VERSION, protocols: DEFAULT_PROTOCOLS, ciphers: DEFAULT_CIPHERS };

export const DEFAULT_SERVER_PROFILES = [
  {
    ...common,
    title: "Default TLS server profile",
    name: "tls-server-profile-default",
    summary: "Secures the API invocation endpoint. For testing only.",
    keystore_url: "tls-server-keystore-default",
  },
];

export const DEFAULT_CLIENT_PROFILES = [
  {
    ...common,
    title: "Default TLS client profile",
    name: "tls-client-profile-default",
    summary: "Trusts every server certificate. For testing only.",
    insecure_server_connections: true,
  },
  {
    ...common,
    title: "Analytics ingestion TLS client profile",
    name: "analytics-ingestion-default",
    keystore_url: "analytics-ingestion-keystore-default",
    truststore_url: "analytics-ingestion-truststore-default",
  },
  {
    ...common,
    title: "Portal Director TLS client profile",
    name: "portal-api-admin-default",
    keystore_url: "portal-director-keystore-default",
    truststore_url: "portal-director-truststore-default",
  },
  {
    ...common,
    title: "Gateway management client TLS client profile",
    name: "gateway-management-client-default",
    keystore_url: "gateway-management-client-keystore-default",
    truststore_url: "gateway-management-client-truststore-default",
  },
];
