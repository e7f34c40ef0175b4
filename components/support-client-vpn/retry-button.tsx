"use client";

import { useRouter } from "next/navigation";
import { retryClientVpnEnvironmentAction, retryProductAdditionAction } from "@/app/(app)/support/client-vpn/actions";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";
import { useActionForm } from "@/components/ui/use-action-form";

/** What support retries: an environment's failed run, or one failed product addition. */
export type RetryTarget = { kind: "environment"; environmentId: string } | { kind: "addition"; additionId: string };

/** Continues a failed run from its failed step, then refreshes the page to show it running. */
export function RetryButton({ target, label }: { target: RetryTarget; label: string }) {
  const router = useRouter();
  const { pending, error, success, run } = useActionForm();
  const options = { successMessage: "Retrying from the step that failed.", onSuccess: () => router.refresh() };
  return (
    <div className="space-y-1">
      <Button
        size="sm"
        pending={pending}
        aria-label={label}
        onClick={() =>
          target.kind === "environment"
            ? run(retryClientVpnEnvironmentAction, { environmentId: target.environmentId }, options)
            : run(retryProductAdditionAction, { additionId: target.additionId }, options)
        }
      >
        Retry
      </Button>
      <FormMessage error={error} success={success} />
    </div>
  );
}
