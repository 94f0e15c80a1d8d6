"use client";

import { useState } from "react";
import { Button, Checkbox, TextInput } from "@/components/carbon";
import { testClientProfileAction } from "@/app/actions/connection-tests";
import { describedByError } from "@/components/notifications/format";
import { useActionMutation } from "@/components/ui/use-action-mutation";
import { queryKeys } from "@/lib/query-keys";
import type { ConnectionTestResult } from "@/lib/tls/connection-test";
import { fixTarget } from "./fix-target";
import { RunOutcome } from "./run-outcome";
import styles from "./probes.module.scss";

interface Props {
  org: string;
  profile: { name: string; version: string };
  /** The profile's form above is editable, so a fix there can be pointed at. */
  editable: boolean;
}

/** "Test connection" on a client profile's page: host, port, optional server name and scan; then the result. */
export function ConnectionTestForm({ org, profile, editable }: Props) {
  const [host, setHost] = useState("");
  const [port, setPort] = useState("443");
  const [serverName, setServerName] = useState("");
  const [scan, setScan] = useState(false);
  const [result, setResult] = useState<{ value: ConnectionTestResult; at: string } | null>(null);
  const [running, setRunning] = useState<string | null>(null);
  const testing = useActionMutation(testClientProfileAction, {
    invalidate: [queryKeys.connectionTests(org, "client", profile.name, profile.version)],
  });

  const run = async () => {
    if (testing.busy) return;
    const target = `${host.trim() || "…"}:${port.trim() || "443"}`;
    setRunning(
      `Connecting to ${target}…${scan ? " Scanning 4 protocols and 40 cipher suites as well; this takes longer." : ""}`,
    );
    setResult(null);
    const r = await testing.run(org, profile, { host, port, server_name: serverName, scan });
    setRunning(null);
    if (r.ok) setResult({ value: r.data, at: new Date().toISOString() });
    else if (r.fieldErrors.length) document.getElementById(`probe-${r.fieldErrors[0].field}`)?.focus();
  };

  const field = (name: string) => ({
    ...testing.fieldProps(name),
    ...describedByError(`probe-${name}`, !!testing.fieldError(name)),
  });
  return (
    <>
      <form
        className={styles.form}
        aria-label="Test connection"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void run();
        }}
      >
        <TextInput
          id="probe-host"
          labelText="Host"
          placeholder="api.partner.example"
          value={host}
          onChange={(e) => setHost(e.target.value)}
          {...field("host")}
        />
        <TextInput
          id="probe-port"
          labelText="Port"
          inputMode="numeric"
          value={port}
          onChange={(e) => setPort(e.target.value)}
          {...field("port")}
        />
        <div className={styles.wide}>
          <TextInput
            id="probe-server_name"
            labelText="Server name (optional)"
            helperText="Sent as SNI and checked against the certificate"
            value={serverName}
            onChange={(e) => setServerName(e.target.value)}
            {...field("server_name")}
          />
        </div>
        <div className={styles.wide}>
          <Checkbox
            id="probe-scan"
            labelText="Scan server (slower)"
            helperText="Also tries each protocol and each of the 40 catalogue cipher suites on its own"
            checked={scan}
            onChange={(_e, { checked }) => setScan(checked)}
          />
        </div>
        <div className={styles.wide}>
          {/* Not disabled while running, so keyboard focus stays on it; a second press is ignored. */}
          <Button type="submit" size="md" aria-disabled={testing.busy}>
            Run test
          </Button>
        </div>
      </form>
      <RunOutcome
        idPrefix="probe"
        busy={running}
        failure={testing.failure}
        result={result}
        fix={result && fixTarget(result.value, { editable })}
      />
    </>
  );
}
