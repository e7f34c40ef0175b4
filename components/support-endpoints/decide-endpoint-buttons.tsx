"use client";

import { useRouter } from "next/navigation";
import { decideEndpoint } from "@/app/(app)/support/endpoints/actions";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";
import { useActionForm } from "@/components/ui/use-action-form";

/** Accept or reject one held endpoint connection. */
export function DecideEndpointButtons({ endpointConnectionId, vpcEndpointId }: { endpointConnectionId: string; vpcEndpointId: string }) {
  const router = useRouter();
  const { pending, error, run } = useActionForm();
  function decide(decision: "accept" | "reject") {
    run(decideEndpoint, { endpointConnectionId, decision }, { onSuccess: () => router.refresh() });
  }
  return (
    <div className="space-y-1">
      <div className="flex gap-2">
        <Button size="sm" pending={pending} onClick={() => decide("accept")} aria-label={`Accept ${vpcEndpointId}`}>
          Accept
        </Button>
        <Button size="sm" variant="danger" pending={pending} onClick={() => decide("reject")} aria-label={`Reject ${vpcEndpointId}`}>
          Reject
        </Button>
      </div>
      <FormMessage error={error} />
    </div>
  );
}
