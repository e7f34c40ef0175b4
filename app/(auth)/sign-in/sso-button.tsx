"use client";

import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";
import { useActionForm } from "@/components/ui/use-action-form";
import { signInWithSso } from "./actions";

export function SsoButton({ providerName, callbackUrl, label }: { providerName: string; callbackUrl: string | null; label?: string }) {
  const { pending, error, run } = useActionForm();
  return (
    <div className="space-y-2">
      <Button
        type="button"
        variant="secondary"
        className="w-full"
        pending={pending}
        onClick={() => run(signInWithSso, { callbackUrl: callbackUrl ?? undefined })}
      >
        {label ?? `Sign in with ${providerName}`}
      </Button>
      <FormMessage error={error} />
    </div>
  );
}
