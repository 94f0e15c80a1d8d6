"use client";

import { Stack } from "@/components/carbon";
import type { ConnectionTestRecord } from "@/lib/tls/connection-test";
import { ConnectionTestForm } from "./connection-test-form";
import { RecentTests } from "./recent-tests";
import { type ClientProfileChoice, ServerCheckForm } from "./server-check-form";
import styles from "./probes.module.scss";

interface Common {
  org: string;
  profile: { name: string; version: string };
  /** Settings: Manage: may run; everyone who sees the page sees the history. */
  canRun: boolean;
  history: ConnectionTestRecord[];
  /** The profile's form on the page is editable (Settings: Manage, not a protected default). */
  editable: boolean;
}

/** Below a client profile's form: "Test connection" and its recent tests. */
export function ClientProfileProbes({ org, profile, canRun, history, editable }: Common) {
  return (
    <Stack gap={8} className={styles.section}>
      {canRun && (
        <section aria-labelledby="test-connection">
          <h2 id="test-connection">Test connection</h2>
          <p className={styles.intro}>
            The server connects with exactly this profile&apos;s protocols, ciphers, keystore, truststore and SNI
            setting, and says why a handshake fails and how to fix it.
          </p>
          <ConnectionTestForm org={org} profile={profile} editable={editable} />
        </section>
      )}
      <RecentTests org={org} kind="client" profile={profile} initial={history} />
    </Stack>
  );
}

/** Below a server profile's form: "Check with a client profile" and its recent checks. */
export function ServerProfileProbes({
  org,
  profile,
  canRun,
  history,
  clientProfiles,
  editable,
}: Common & { clientProfiles: ClientProfileChoice[] }) {
  return (
    <Stack gap={8} className={styles.section}>
      {canRun && (
        <section aria-labelledby="check-with-client">
          <h2 id="check-with-client">Check with a client profile</h2>
          <p className={styles.intro}>
            A listener from this profile starts on the server&apos;s loopback for this check only, and one of this
            organization&apos;s client profiles connects to it: the same diagnosis as a connection test.
          </p>
          <ServerCheckForm org={org} profile={profile} clientProfiles={clientProfiles} editable={editable} />
        </section>
      )}
      <RecentTests org={org} kind="server" profile={profile} initial={history} />
    </Stack>
  );
}
