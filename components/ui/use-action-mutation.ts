"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type ActionResult, GENERIC_MESSAGE } from "@/lib/errors";

export type ActionFailure = Extract<ActionResult<unknown>, { ok: false }>;

/** A refusal as one line for a banner: the message, with the request id when the server logged one. */
export const failureText = (f: ActionFailure) => (f.requestId ? `${f.message} (request id ${f.requestId})` : f.message);

/** A refusal decided in the browser (say, two password fields that differ), shown like the server's at `field`. */
export const fieldRefusal = (field: string, message: string): ActionFailure => ({
  ok: false,
  code: "VALIDATION",
  message,
  fieldErrors: [{ field, message }],
});

interface Options {
  /** Query keys whose data the action may change: refetched after every attempt, as a refusal can mean the data moved on. */
  invalidate?: readonly (readonly unknown[])[];
}

/**
 * One way for a client component to call a server action that writes: `busy` while it runs, the typed refusal
 * (`failure`, `fieldError`) from the last attempt, and the listed queries invalidated before `run` resolves.
 * `run` never rejects: a transport failure becomes a generic refusal, as the server shows an unexpected error.
 */
export function useActionMutation<A extends unknown[], T>(
  action: (...args: A) => Promise<ActionResult<T>>,
  { invalidate = [] }: Options = {},
) {
  const client = useQueryClient();
  const mutation = useMutation({
    mutationFn: async (args: A): Promise<ActionResult<T>> => {
      try {
        return await action(...args);
      } catch {
        return { ok: false, code: "INTERNAL", message: GENERIC_MESSAGE, fieldErrors: [] };
      }
    },
    onSettled: () => Promise.all(invalidate.map((queryKey) => client.invalidateQueries({ queryKey }))),
  });
  const failure = mutation.data && !mutation.data.ok ? mutation.data : null;
  const fieldError = (field: string) => failure?.fieldErrors.find((fe) => fe.field === field)?.message;
  return {
    run: (...args: A) => mutation.mutateAsync(args),
    busy: mutation.isPending,
    failure,
    /** The message for `field` when the last attempt was refused there. */
    fieldError,
    /** A Carbon input's `invalid` and `invalidText` for `field`, from the last refusal. */
    fieldProps: (field: string) => ({ invalid: !!fieldError(field), invalidText: fieldError(field) }),
    /** Forgets the last refusal, for a banner the person closes. */
    dismiss: mutation.reset,
  };
}
