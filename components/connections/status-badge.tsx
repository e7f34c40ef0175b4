import { Badge, type Tone } from "@/components/ui/badge";
import type { ConnectionStatus } from "@/db/schema";

export const STATUS_LABELS: Record<ConnectionStatus, string> = {
  allowlisting: "Allow-listing",
  awaiting_endpoint: "Waiting for your endpoint",
  accepting: "Accepting",
  available: "Available",
  failed: "Failed",
  removing: "Removing",
  removed: "Removed",
};

const TONES: Record<ConnectionStatus, Tone> = {
  allowlisting: "info",
  awaiting_endpoint: "warning",
  accepting: "info",
  available: "success",
  failed: "danger",
  removing: "neutral",
  removed: "neutral",
};

export function StatusBadge({ status }: { status: ConnectionStatus }) {
  return <Badge tone={TONES[status]}>{STATUS_LABELS[status]}</Badge>;
}
