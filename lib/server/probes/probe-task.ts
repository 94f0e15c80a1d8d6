import type { LoopbackCheckRequest } from "@/lib/server/probes/loopback-check";
import type { ClientProfileTls, TlsMaterial } from "@/lib/server/profiles/node-tls-options";

/**
 * What the request thread sends the probe worker (ADR 022): plain data only, since it crosses a thread. The material
 * is decrypted on the request thread and used only to build TLS options on the worker; it never leaves the process.
 */
export type ProbeTask =
  | {
      kind: "test";
      profile: ClientProfileTls;
      material: TlsMaterial;
      host: string;
      port: number;
      serverName?: string;
      scan: boolean;
    }
  | { kind: "check"; request: LoopbackCheckRequest };
