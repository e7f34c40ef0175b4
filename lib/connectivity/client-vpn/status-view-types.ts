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
  /** The device's public address, from the endpoint's connection log (null without one). */
  deviceIp: string | null;
  bytesIn: number;
  bytesOut: number;
  status: string;
}

/** One connection attempt of the tenant's devices, from the endpoint's connection log. */
export interface ClientVpnAttemptView {
  connectionId: string;
  deviceId: string;
  deviceName: string;
  at: string;
  deviceIp: string | null;
  result: "connected" | "refused";
  /** AWS's reason for a refusal, such as "client certificate revoked". */
  failureReason: string | null;
  /** Null while the connection is up. */
  durationSeconds: number | null;
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
  /**
   * The last 24 hours of connection attempts, newest first. `enabled` is false for endpoints built
   * before Onramp turned connection logging on: they have no log to read.
   */
  connectionLog: { enabled: boolean; attempts: ClientVpnAttemptView[] };
  revocation: { pendingSince: string | null; nextImportAt: string | null; lastImportAt: string | null };
}
