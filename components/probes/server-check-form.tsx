"use client";

import { useState } from "react";
import { Button, Select, SelectItem, TextInput } from "@/components/carbon";
import { checkServerProfileAction } from "@/app/actions/connection-tests";
import { describedByError } from "@/components/notifications/format";
import { useActionMutation } from "@/components/ui/use-action-mutation";
import { queryKeys } from "@/lib/query-keys";
import type { ConnectionTestResult } from "@/lib/tls/connection-test";
import { fixTarget } from "./fix-target";
import { RunOutcome } from "./run-outcome";
import styles from "./probes.module.scss";

export interface ClientProfileChoice {
  name: string;
  version: string;
  title: string;
}

interface Props {
  org: string;
  profile: { name: string; version: string };
  clientProfiles: ClientProfileChoice[];
  /** The server profile's form above is editable, so a fix there can be pointed at. */
  editable: boolean;
}

/** The client profile's page, from the select's `name:version`. */
function clientProfileHref(org: string, choice: string): string {
  const at = choice.indexOf(":");
  const [name, version] = [choice.slice(0, at), choice.slice(at + 1)];
  return `/orgs/${encodeURIComponent(org)}/resources/tls/client-profiles/${encodeURIComponent(name)}/${encodeURIComponent(version)}`;
}

/** "Check with a client profile" on a server profile's page: the two meet on loopback; the same result as a test. */
export function ServerCheckForm({ org, profile, clientProfiles, editable }: Props) {
  const [client, setClient] = useState("");
  const [serverName, setServerName] = useState("");
  // The client profile the shown result was run with: the select may have moved on since.
  const [result, setResult] = useState<{ value: ConnectionTestResult; at: string; client: string } | null>(null);
  const [running, setRunning] = useState<string | null>(null);
  const checking = useActionMutation(checkServerProfileAction, {
    invalidate: [queryKeys.connectionTests(org, "server", profile.name, profile.version)],
  });

  const run = async () => {
    if (checking.busy) return;
    setRunning(`Checking with ${client || "…"} on a loopback listener…`);
    setResult(null);
    const r = await checking.run(org, profile, { client_profile_url: client, server_name: serverName });
    setRunning(null);
    if (r.ok) setResult({ value: r.data, at: new Date().toISOString(), client });
    else if (r.fieldErrors.length) document.getElementById(`check-${r.fieldErrors[0].field}`)?.focus();
  };

  if (clientProfiles.length === 0)
    return (
      <div className="empty-state">
        <h3>No client profiles to check with</h3>
        <p>Create a TLS client profile in this organization first; the check connects with it.</p>
      </div>
    );
  const field = (name: string) => ({
    ...checking.fieldProps(name),
    ...describedByError(`check-${name}`, !!checking.fieldError(name)),
  });
  return (
    <>
      <form
        className={styles.form}
        aria-label="Check with a client profile"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void run();
        }}
      >
        <div className={styles.wide}>
          <Select
            id="check-client_profile_url"
            labelText="Client profile"
            value={client}
            onChange={(e) => setClient(e.target.value)}
            {...checking.fieldProps("client_profile_url")}
          >
            <SelectItem value="" text="Choose a client profile" />
            {clientProfiles.map((c) => (
              <SelectItem
                key={`${c.name}:${c.version}`}
                value={`${c.name}:${c.version}`}
                text={`${c.title} (${c.name}:${c.version})`}
              />
            ))}
          </Select>
        </div>
        <div className={styles.wide}>
          <TextInput
            id="check-server_name"
            labelText="Server name (optional)"
            helperText="Sent as SNI and checked against the certificate; by default the certificate's first DNS name"
            value={serverName}
            onChange={(e) => setServerName(e.target.value)}
            {...field("server_name")}
          />
        </div>
        <div className={styles.wide}>
          <Button type="submit" size="md" aria-disabled={checking.busy}>
            Run check
          </Button>
        </div>
      </form>
      <RunOutcome
        idPrefix="check"
        busy={running}
        failure={checking.failure}
        result={result}
        check={result?.client}
        fix={
          result &&
          fixTarget(result.value, {
            editable,
            client: { ref: result.client, href: clientProfileHref(org, result.client) },
          })
        }
      />
    </>
  );
}
