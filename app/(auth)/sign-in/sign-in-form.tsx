"use client";

import type { FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { useActionForm } from "@/components/ui/use-action-form";
import { signInWithPassword } from "./actions";

export function SignInForm({ callbackUrl }: { callbackUrl: string | null }) {
  const { pending, error, fieldErrors, run } = useActionForm();

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const email = String(form.get("email") ?? "");
    const password = String(form.get("password") ?? "");
    // Success never returns here: the action redirects.
    run(signInWithPassword, { email, password, callbackUrl: callbackUrl ?? undefined });
  }

  return (
    <form method="post" onSubmit={submit} noValidate className="space-y-4">
      <TextField label="E-mail address" name="email" type="email" autoComplete="username" required errors={fieldErrors.email} />
      <TextField label="Password" name="password" type="password" autoComplete="current-password" required errors={fieldErrors.password} />
      <FormMessage error={error} />
      <Button type="submit" pending={pending} className="w-full">
        Sign in
      </Button>
    </form>
  );
}
