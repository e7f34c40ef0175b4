"use client";

import { removeSiteToSite } from "@/app/(app)/connections/site-to-site/actions";
import { RemoveConnectionButton } from "@/components/connections/remove-connection-button";
import type { SiteToSiteStatusView } from "@/lib/connectivity/site-to-site/status-view";
import { useSiteToSiteStatus } from "./use-site-to-site-status";

/**
 * Removal deletes the VPN, the landing VPC and its endpoints in reverse order of creation; the page
 * then follows the removal's own steps, so it asks for the new status at once.
 */
export function RemoveSiteToSiteButton({ initial }: { initial: SiteToSiteStatusView }) {
  const { refetchNow } = useSiteToSiteStatus(initial);
  return (
    <RemoveConnectionButton
      connectionId={initial.id}
      action={removeSiteToSite}
      warning="Your site loses its private path to the service. Remove?"
      successMessage="Removal started."
      onRemoved={() => void refetchNow()}
    />
  );
}
