"use client";

import { useState } from "react";
import { removeConnection } from "@/app/(app)/connections/[id]/actions";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";
import { useConnectionAction } from "./use-connection-action";

/** Removal asks once more: it revokes the account's access and rejects its endpoint. */
export function RemoveConnectionButton({ connectionId }: { connectionId: string }) {
  const [confirming, setConfirming] = useState(false);
  const { pending, error, run } = useConnectionAction(removeConnection, connectionId);
  return (
    <div className="space-y-2">
      {confirming ? (
        <div className="flex flex-wrap items-center gap-2" role="group" aria-label="Confirm removal">
          <span className="text-sm text-slate-700">Your endpoint will stop working. Remove?</span>
          <Button variant="danger" size="sm" pending={pending} onClick={() => run("Removed.", () => setConfirming(false))}>
            Yes, remove
          </Button>
          <Button variant="ghost" size="sm" onClick={() => setConfirming(false)}>
            Cancel
          </Button>
        </div>
      ) : (
        <Button variant="secondary" size="sm" onClick={() => setConfirming(true)}>
          Remove connection
        </Button>
      )}
      <FormMessage error={error} />
    </div>
  );
}
