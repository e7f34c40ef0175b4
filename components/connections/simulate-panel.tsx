"use client";

import { deleteCustomerEndpoint, simulateCustomerEndpoint } from "@/app/(app)/connections/[id]/actions";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";
import { SandboxPanel } from "@/components/ui/sandbox-panel";
import { useConnectionAction } from "./use-connection-action";

/** Sandbox only: does the customer's own AWS steps so the whole flow can be tried in a browser. */
export function SimulatePanel({ connectionId, canCreate, canDelete }: { connectionId: string; canCreate: boolean; canDelete: boolean }) {
  const create = useConnectionAction(simulateCustomerEndpoint, connectionId);
  const remove = useConnectionAction(deleteCustomerEndpoint, connectionId);
  return (
    <SandboxPanel
      id="simulate-heading"
      explanation={
        <p>
          This portal runs against a simulated AWS. These buttons act as your AWS account: they create (or delete) the interface endpoint in
          your default VPC, in the zones the service runs in. With real AWS you do this yourself with the snippets above.
        </p>
      }
    >
      <div className="mt-3 flex flex-wrap gap-2">
        <Button size="sm" pending={create.pending} disabled={!canCreate} onClick={() => create.run("Endpoint created in your simulated account.")}>
          Create my interface endpoint
        </Button>
        <Button size="sm" variant="secondary" pending={remove.pending} disabled={!canDelete} onClick={() => remove.run("Endpoint deleted.")}>
          Delete my endpoint
        </Button>
      </div>
      <div className="mt-2">
        <FormMessage error={create.error ?? remove.error} success={create.success ?? remove.success} />
      </div>
    </SandboxPanel>
  );
}
