"use client";

import { PasswordInput } from "@/components/carbon";
import { fieldRefusal } from "@/components/ui/use-action-mutation";

type FieldProps = (field: string) => { invalid: boolean; invalidText?: string };

/** A new password and its repeat, as the password change and the invitation page ask for them. */
export function NewPasswordFields(props: {
  ids: [string, string];
  name: string;
  labels: [string, string];
  helperText: string;
  fieldProps: FieldProps;
}) {
  const { ids, name, labels, helperText, fieldProps } = props;
  return (
    <>
      <PasswordInput
        id={ids[0]}
        name={name}
        labelText={labels[0]}
        helperText={helperText}
        autoComplete="new-password"
        {...fieldProps(name)}
      />
      <PasswordInput
        id={ids[1]}
        name="confirm"
        labelText={labels[1]}
        autoComplete="new-password"
        {...fieldProps("confirm")}
      />
    </>
  );
}

/** The repeat checked in the browser, refused at its field like a server refusal; null when they match. */
export function repeatRefusal(data: FormData, name: string) {
  return data.get(name) !== data.get("confirm") ? fieldRefusal("confirm", "The two passwords differ") : null;
}
