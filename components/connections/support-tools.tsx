"use client";

import { reconcileConnection, retryConnection } from "@/app/(app)/connections/[id]/actions";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";
import { useConnectionAction } from "./use-connection-action";

/** Provider staff's repair tools on a connection. */
export function SupportTools({ connectionId, failed }: { connectionId: string; failed: boolean }) {
  const retry = useConnectionAction(retryConnection, connectionId);
  const reconcile = useConnectionAction(reconcileConnection, connectionId);
  return (
    <div className="space-y-2">
      <div className="flex flex-wrap gap-2">
        {failed && (
          <Button size="sm" pending={retry.pending} onClick={() => retry.run("Retrying from the step that failed.")}>
            Retry
          </Button>
        )}
        <Button size="sm" variant="secondary" pending={reconcile.pending} onClick={() => reconcile.run("Re-checked with AWS.")}>
          Reconcile now
        </Button>
      </div>
      <FormMessage error={retry.error ?? reconcile.error} success={retry.success ?? reconcile.success} />
    </div>
  );
}
