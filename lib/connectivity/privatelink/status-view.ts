import type { ConnectionStatus, EndpointDnsEntry } from "@/db/schema";

/** What the status route returns and the connection page polls; dates as ISO strings. */
export interface ConnectionStatusView {
  id: string;
  status: ConnectionStatus;
  vpcEndpointId: string | null;
  dnsEntries: EndpointDnsEntry[];
  errorCode: string | null;
  errorMessage: string | null;
  createdAt: string;
  updatedAt: string;
  availableAt: string | null;
  removedAt: string | null;
  events: Array<{ id: number; at: string; kind: string; message: string; actorName: string | null }>;
}

/** Statuses after which nothing changes without someone acting; the page polls slowly then. */
export function isSettled(status: ConnectionStatus): boolean {
  return status === "available" || status === "failed" || status === "removed";
}
