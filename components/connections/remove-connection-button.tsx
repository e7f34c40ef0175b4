"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";
import type { ActionResult } from "@/lib/errors";
import { useConnectionAction } from "./use-connection-action";

/** Removal asks once more, saying what the customer loses; each connection type passes its own action. */
export function RemoveConnectionButton<R>({
  connectionId,
  action,
  warning,
  successMessage,
  onRemoved,
}: {
  connectionId: string;
  action: (input: { connectionId: string }) => Promise<ActionResult<R>>;
  warning: string;
  successMessage: string;
  onRemoved?: () => void;
}) {
  const [confirming, setConfirming] = useState(false);
  const { pending, error, run } = useConnectionAction(action, connectionId);
  return (
    <div className="space-y-2">
      {confirming ? (
        <div className="flex flex-wrap items-center gap-2" role="group" aria-label="Confirm removal">
          <span className="text-sm text-slate-700">{warning}</span>
          <Button
            variant="danger"
            size="sm"
            pending={pending}
            onClick={() =>
              run(successMessage, () => {
                setConfirming(false);
                onRemoved?.();
              })
            }
          >
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
