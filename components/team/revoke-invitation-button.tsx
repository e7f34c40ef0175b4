"use client";

import { revokeInvitationAction } from "@/app/(app)/team/actions";
import { Button } from "@/components/ui/button";
import { useActionForm } from "@/components/ui/use-action-form";

export function RevokeInvitationButton({ invitationId, email }: { invitationId: string; email: string }) {
  const { pending, error, run } = useActionForm();
  return (
    <div className="flex flex-col items-start gap-1">
      <Button
        variant="secondary"
        size="sm"
        pending={pending}
        aria-label={`Revoke invitation for ${email}`}
        onClick={() => run(revokeInvitationAction, { invitationId })}
      >
        Revoke
      </Button>
      <p aria-live="polite" className="text-xs text-red-700">
        {error}
      </p>
    </div>
  );
}
