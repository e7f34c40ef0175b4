"use client";

import { useRouter } from "next/navigation";
import { simulateSiteToSiteTunnels } from "@/app/(app)/connections/site-to-site/actions";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";
import { SandboxPanel } from "@/components/ui/sandbox-panel";
import { useActionForm } from "@/components/ui/use-action-form";
import type { SiteToSiteStatusView } from "@/lib/connectivity/site-to-site/status-view";
import { useSiteToSiteStatus } from "./use-site-to-site-status";

/** Sandbox only: plays the customer's VPN device, so the whole flow can be tried in a browser. */
export function SimulateTunnelsPanel({ initial }: { initial: SiteToSiteStatusView }) {
  const router = useRouter();
  const { view, refetchNow } = useSiteToSiteStatus(initial);
  const form = useActionForm();
  const exists = view.tunnels.length > 0;
  const allUp = exists && view.tunnels.every((tunnel) => tunnel.status === "UP");
  const anyUp = view.tunnels.some((tunnel) => tunnel.status === "UP");

  function simulate(status: "UP" | "DOWN") {
    form.run(
      simulateSiteToSiteTunnels,
      { connectionId: initial.id, status },
      {
        successMessage: status === "UP" ? "Your simulated device brought both tunnels up." : "Your simulated device took both tunnels down.",
        onSuccess: () => {
          void refetchNow();
          router.refresh();
        },
      },
    );
  }

  return (
    <SandboxPanel
      id="simulate-tunnels-heading"
      explanation={
        <p>
          This portal runs against a simulated AWS. These buttons act as your VPN device: configured with the settings on this page, it
          would negotiate IKE and bring both tunnels up. With real AWS your own device does this.
        </p>
      }
    >
      {!exists && <p className="mt-2 text-sm text-amber-900/80">Available once AWS has created the VPN connection.</p>}
      <div className="mt-3 flex flex-wrap gap-2">
        <Button size="sm" pending={form.pending} disabled={!exists || allUp} onClick={() => simulate("UP")}>
          Bring tunnels up
        </Button>
        <Button size="sm" variant="secondary" pending={form.pending} disabled={!anyUp} onClick={() => simulate("DOWN")}>
          Take tunnels down
        </Button>
      </div>
      <div className="mt-2">
        <FormMessage error={form.error} success={form.success} />
      </div>
    </SandboxPanel>
  );
}
