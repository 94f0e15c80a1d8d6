"use client";

import { Button, InlineNotification, PasswordInput, Stack, TextInput } from "@/components/carbon";
import { useRouter } from "next/navigation";
import { useForm } from "react-hook-form";
import { signInAction } from "@/app/actions/auth";
import { failureText, useActionMutation } from "@/components/ui/use-action-mutation";

// Presence checks only: the server decides (ZSignIn), and the sign-in page stays free of the validator bundle.
type FormValues = { email: string; password: string };

export function SignInForm() {
  const router = useRouter();
  const signingIn = useActionMutation(signInAction);
  const { register, handleSubmit, formState } = useForm<FormValues>();
  const error = signingIn.failure && failureText(signingIn.failure);

  const onSubmit = handleSubmit(async (values) => {
    const result = await signingIn.run(values);
    if (!result.ok) return;
    router.replace("/");
    router.refresh();
  });

  return (
    <form onSubmit={onSubmit} noValidate aria-labelledby="sign-in-title" className="login-card">
      <Stack gap={6}>
        <h1 id="sign-in-title">Sign in to the TLS console</h1>
        {error && (
          <InlineNotification kind="error" title="Sign-in failed" subtitle={error} hideCloseButton role="alert" />
        )}
        <TextInput
          id="email"
          labelText="Email"
          type="email"
          autoComplete="username"
          invalid={!!formState.errors.email}
          invalidText={formState.errors.email?.message}
          {...register("email", { required: "Enter your email address" })}
        />
        <PasswordInput
          id="password"
          labelText="Password"
          autoComplete="current-password"
          invalid={!!formState.errors.password}
          invalidText={formState.errors.password?.message}
          {...register("password", { required: "Enter your password" })}
        />
        <Button type="submit" disabled={signingIn.busy}>
          {signingIn.busy ? "Signing in…" : "Sign in"}
        </Button>
      </Stack>
    </form>
  );
}
