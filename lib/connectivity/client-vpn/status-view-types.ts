/**
 * What the Client VPN connection page polls (GET /api/connections/[id]/client-vpn); dates as ISO
 * strings. The server builds it in lib/connectivity/client-vpn/status-view.ts.
 */
export type ClientVpnLiveStatus = "provisioning" | "available" | "failed" | "removing" | "removed";

export interface ClientVpnStepView {
  name: string;
  status: "pending" | "running" | "waiting" | "succeeded" | "failed" | "undone" | "skipped" | "cancelled";
  waitReason: string | null;
  errorCode: string | null;
  errorMessage: string | null;
  startedAt: string | null;
  elapsedMs: number | null;
}

export interface ClientVpnDeviceView {
  id: string;
  name: string;
  status: "active" | "revoked" | "expired";
  createdAt: string;
  expiresAt: string | null;
  revokedAt: string | null;
  lastDownloadAt: string | null;
  /** A config link was issued and not yet used (it is single-use and expires). */
  pendingDownloadExpiresAt: string | null;
}

export interface ClientVpnSessionView {
  sessionId: string;
  deviceId: string;
  deviceName: string;
  connectedSince: string;
  clientIp: string | null;
  bytesIn: number;
  bytesOut: number;
  status: string;
}

export interface ClientVpnStatusView {
  id: string;
  status: ClientVpnLiveStatus;
  /** The name the customer gave the connection, if any. */
  label: string | null;
  region: string;
  /** The provisioning steps of the shared environment this connection waits for, then its own. */
  steps: ClientVpnStepView[];
  error: { step: string | null; code: string | null; message: string | null } | null;
  endpoint: { clientVpnEndpointId: string; dnsName: string; clientCidr: string } | null;
  /**
   * The products the tenant chose. `ports`: the product's TCP ports, for the page's self-test;
   * `adding`: the region began offering it after the environment was built and its interface
   * endpoint is still being made; `unreachable`: why devices cannot reach it through this endpoint.
   */
  products: Array<{ productName: string; privateDnsName: string | null; endpointDnsNames: string[]; ports: number[]; adding: boolean; unreachable: string | null }>;
  devices: ClientVpnDeviceView[];
  sessions: ClientVpnSessionView[];
  revocation: { pendingSince: string | null; nextImportAt: string | null; lastImportAt: string | null };
}
