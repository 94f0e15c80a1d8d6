"use client";

import { type Control, Controller, type FieldErrors, type FieldValues, type Path } from "react-hook-form";
import { errorMessage } from "./profile-form";
import { type StoreChoice, StoreSelect } from "./store-select";

interface Props<V extends FieldValues> {
  control: Control<V>;
  errors: FieldErrors<V>;
  keystores: StoreChoice[];
  truststores: StoreChoice[];
  /** Labels and help differ: a client's keystore is optional (mutual TLS), a server's holds its certificate. */
  keystore: { label: string; help: string; required?: boolean };
  truststore: { label: string; help: string };
}

/** The keystore and truststore pickers of a profile form, wired to `keystore_url` / `truststore_url`. */
export function StoreRefFields<V extends FieldValues>({
  control,
  errors,
  keystores,
  truststores,
  keystore,
  truststore,
}: Props<V>) {
  return (
    <>
      <Controller
        control={control}
        name={"keystore_url" as Path<V>}
        render={({ field }) => (
          <StoreSelect
            kind="keystore"
            id="keystore_url"
            labelText={keystore.label}
            helperText={keystore.help}
            required={keystore.required}
            choices={keystores}
            value={field.value}
            // A required reference is a string in the schema; "none chosen" is the empty one.
            onChange={(v) => field.onChange(v ?? (keystore.required ? "" : null))}
            invalidText={errorMessage(errors.keystore_url)}
          />
        )}
      />
      <Controller
        control={control}
        name={"truststore_url" as Path<V>}
        render={({ field }) => (
          <StoreSelect
            kind="truststore"
            id="truststore_url"
            labelText={truststore.label}
            helperText={truststore.help}
            choices={truststores}
            value={field.value}
            onChange={field.onChange}
            invalidText={errorMessage(errors.truststore_url)}
          />
        )}
      />
    </>
  );
}
