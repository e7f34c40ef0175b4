import { Badge, type Tone } from "@/components/ui/badge";
import type { ListedStatus } from "@/lib/dal/connection-list";

/** Labels for every type's statuses: PrivateLink's stored ones and Site-to-Site's live ones. */
export const STATUS_LABELS: Record<ListedStatus, string> = {
  allowlisting: "Allow-listing",
  awaiting_endpoint: "Waiting for your endpoint",
  accepting: "Accepting",
  provisioning: "Provisioning",
  available: "Available",
  failed: "Failed",
  removing: "Removing",
  removed: "Removed",
};

const TONES: Record<ListedStatus, Tone> = {
  allowlisting: "info",
  awaiting_endpoint: "warning",
  accepting: "info",
  provisioning: "info",
  available: "success",
  failed: "danger",
  removing: "neutral",
  removed: "neutral",
};

export function StatusBadge({ status }: { status: ListedStatus }) {
  return <Badge tone={TONES[status]}>{STATUS_LABELS[status]}</Badge>;
}
