"use client";

import { useRouter } from "next/navigation";
import { useActionForm } from "@/components/ui/use-action-form";
import type { ActionResult } from "@/lib/errors";

/** Runs a connection action with pending state, shows its message, and refreshes the page on success. */
export function useConnectionAction<R>(action: (input: { connectionId: string }) => Promise<ActionResult<R>>, connectionId: string) {
  const router = useRouter();
  const form = useActionForm();

  function run(successMessage: string, after?: () => void) {
    form.run(action, { connectionId }, {
      successMessage,
      onSuccess: () => {
        after?.();
        router.refresh();
      },
    });
  }

  return { pending: form.pending, error: form.error, success: form.success, run };
}
