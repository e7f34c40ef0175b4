import type { X509Certificate } from "node:crypto";
import { newResourceId } from "@/lib/sandbox/ids";
import { isListed, stateAt } from "@/lib/sandbox/lifecycle";
import { SandboxError } from "@/lib/sandbox/sandbox-error";
import { acmCertificate } from "@/lib/sandbox/services/acm/certificate-actions";
import { loadCertificate } from "@/lib/sandbox/services/acm/certificate-details";
import type { BaseContext } from "@/lib/sandbox/services/service";
import { contains, parseCidr, size } from "@/lib/sandbox/services/ec2/cidr";
import { formatIpv4 } from "@/lib/sandbox/services/ec2/ipv4";
import type { ClientVpnConnectionRecord, ClientVpnEndpointRecord } from "@/lib/sandbox/state/schema";

/** At most 10 operations in progress per Client VPN endpoint, a hard quota (AWS-FACTS.md). */
export const CONCURRENT_OPERATIONS_PER_ENDPOINT = 10;
/** How long DescribeClientVpnConnections keeps showing ended connections (this cloud's choice). */
const ENDED_CONNECTION_RETENTION_MS = 60 * 60 * 1000;

export function endpointNotFound(id: string): SandboxError {
  return new SandboxError("InvalidClientVpnEndpointId.NotFound", `The Client VPN endpoint ID '${id}' does not exist`);
}

/** `*.cvpn-endpoint-<id>.prod.clientvpn.<region>.amazonaws.com`: clients put a random label in front. */
export function endpointDnsName(region: string, endpoint: ClientVpnEndpointRecord): string {
  return `*.${endpoint.id}.prod.clientvpn.${region}.amazonaws.com`;
}

export function endpointArn(region: string, endpoint: ClientVpnEndpointRecord): string {
  return `arn:aws:ec2:${region}:${endpoint.ownerId}:client-vpn-endpoint/${endpoint.id}`;
}

/** pending-associate until a target network is associated, available while one is, then deleting/deleted. */
export function endpointStatus(context: BaseContext, endpoint: ClientVpnEndpointRecord): string {
  const state = stateAt(endpoint.lifecycle, context.now);
  if (state === "deleting" || state === "deleted") return state;
  return endpoint.associations.some((association) => stateAt(association.lifecycle, context.now) === "associated")
    ? "available"
    : "pending-associate";
}

export function listedAssociations(context: BaseContext, endpoint: ClientVpnEndpointRecord) {
  return endpoint.associations.filter((association) => isListed(association.lifecycle, context.now, "disassociated"));
}

/** Associations that count: not disassociating or gone. */
export function liveAssociations(context: BaseContext, endpoint: ClientVpnEndpointRecord) {
  return endpoint.associations.filter((association) =>
    ["associating", "associated"].includes(stateAt(association.lifecycle, context.now)),
  );
}

export function liveRules(context: BaseContext, endpoint: ClientVpnEndpointRecord) {
  return endpoint.authorizationRules.filter((rule) => stateAt(rule.lifecycle, context.now) !== "revoked");
}

export function liveRoutes(context: BaseContext, endpoint: ClientVpnEndpointRecord) {
  return endpoint.routes.filter((route) => stateAt(route.lifecycle, context.now) !== "deleted");
}

/**
 * AWS refuses a change while 10 are in flight on the endpoint, with the error Terraform users
 * meet when creating many routes at once (hashicorp/terraform-provider-aws#19750).
 */
export function requireMutationSlot(context: BaseContext, endpoint: ClientVpnEndpointRecord): void {
  const now = context.now;
  const busy =
    endpoint.associations.filter((a) => ["associating", "disassociating"].includes(stateAt(a.lifecycle, now))).length +
    endpoint.authorizationRules.filter((r) => ["authorizing", "revoking"].includes(stateAt(r.lifecycle, now))).length +
    endpoint.routes.filter((r) => r.origin === "add-route" && ["creating", "deleting"].includes(stateAt(r.lifecycle, now))).length;
  if (busy >= CONCURRENT_OPERATIONS_PER_ENDPOINT) {
    throw new SandboxError(
      "ConcurrentMutationLimitExceeded",
      "Cannot initiate another change for this endpoint at this time. Please try again later.",
    );
  }
}

/** The certificates a client certificate must be issued by: the client root certificate and its chain. */
export function clientTrustAnchors(context: BaseContext, endpoint: ClientVpnEndpointRecord): X509Certificate[] {
  const record = acmCertificate(context, endpoint.clientRootCertificateChainArn);
  if (!record) return [];
  const { certificate, chain } = loadCertificate(record);
  return [certificate, ...chain];
}

/** When a connection ends: terminated explicitly, or its session timeout passed. */
export function connectionEnd(endpoint: ClientVpnEndpointRecord, connection: ClientVpnConnectionRecord): number {
  const timeoutAt = connection.establishedAt + endpoint.sessionTimeoutHours * 3600 * 1000;
  return Math.min(connection.endedAt ?? Number.POSITIVE_INFINITY, timeoutAt);
}

export function connectionStatus(
  context: BaseContext,
  endpoint: ClientVpnEndpointRecord,
  connection: ClientVpnConnectionRecord,
): "active" | "terminated" | "connecting" {
  if (context.now < connection.establishedAt) return "connecting";
  return context.now < connectionEnd(endpoint, connection) ? "active" : "terminated";
}

export function activeConnections(context: BaseContext, endpoint: ClientVpnEndpointRecord) {
  return endpoint.connections.filter((connection) => connectionStatus(context, endpoint, connection) === "active");
}

/** Connections Describe shows: established ones, ended ones for an hour. */
export function listedConnections(context: BaseContext, endpoint: ClientVpnEndpointRecord) {
  return endpoint.connections.filter((connection) => {
    const status = connectionStatus(context, endpoint, connection);
    if (status === "connecting") return false;
    return status === "active" || context.now < connectionEnd(endpoint, connection) + ENDED_CONNECTION_RETENTION_MS;
  });
}

/** Drops connections that ended long ago, so the state file does not grow without bound. */
export function pruneConnections(context: BaseContext, endpoint: ClientVpnEndpointRecord): void {
  endpoint.connections = endpoint.connections.filter(
    (connection) => context.now < connectionEnd(endpoint, connection) + ENDED_CONNECTION_RETENTION_MS,
  );
}

/** Traffic so far: a steady per-connection rate over its age, so counters grow between calls. */
export function connectionTraffic(
  context: BaseContext,
  endpoint: ClientVpnEndpointRecord,
  connection: ClientVpnConnectionRecord,
) {
  const until = Math.min(context.now, connectionEnd(endpoint, connection));
  const seconds = Math.max(0, until - connection.establishedAt) / 1000;
  const seed = connection.trafficSeed >>> 0;
  const ingressRate = 200 + (seed % 1800);
  const egressRate = 1000 + ((seed >>> 11) % 19000);
  const ingressBytes = Math.floor(seconds * ingressRate);
  const egressBytes = Math.floor(seconds * egressRate);
  return {
    ingressBytes,
    egressBytes,
    ingressPackets: Math.floor(ingressBytes / 180),
    egressPackets: Math.floor(egressBytes / 900),
  };
}

/** The next free address of the client CIDR (network and first address skipped), or the one asked for. */
export function assignClientIp(
  context: BaseContext,
  endpoint: ClientVpnEndpointRecord,
  wanted: number | undefined,
): string {
  const cidr = parseCidr(endpoint.clientCidrBlock);
  if (!cidr) throw new Error(`Stored client CIDR ${endpoint.clientCidrBlock} is invalid.`);
  const inUse = new Set(
    endpoint.connections
      .filter((connection) => connectionStatus(context, endpoint, connection) !== "terminated")
      .map((connection) => connection.clientIp),
  );
  if (wanted !== undefined) {
    const text = formatIpv4(wanted);
    if (!contains(cidr, { base: wanted, prefix: 32 })) {
      throw new SandboxError("InvalidParameterValue", `${text} is not in the client CIDR ${endpoint.clientCidrBlock}.`);
    }
    if (inUse.has(text)) throw new SandboxError("InvalidParameterValue", `${text} is already assigned to a connection.`);
    return text;
  }
  for (let address = cidr.base + 2; address < cidr.base + size(cidr) - 1; address += 1) {
    const text = formatIpv4(address);
    if (!inUse.has(text)) return text;
  }
  throw new SandboxError("ClientVpnConnectionLimitExceeded", `The client CIDR ${endpoint.clientCidrBlock} has no free addresses.`);
}

/** Who connects: the certificate's identity and where the device connects from. */
export interface ConnectionIdentity {
  commonName: string;
  certificateSerial: string;
  certificateNotAfter: number;
  deviceIp?: string;
  devicePort?: number;
}

export function newConnection(
  context: BaseContext,
  endpoint: ClientVpnEndpointRecord,
  identity: ConnectionIdentity,
  clientIp: string,
  establishedAt: number,
): ClientVpnConnectionRecord {
  const connection: ClientVpnConnectionRecord = {
    id: newResourceId(context.prng, "cvpn-connection"),
    ...identity,
    clientIp,
    establishedAt,
    trafficSeed: context.prng.int(0, 2 ** 31 - 1),
  };
  endpoint.connections.push(connection);
  return connection;
}

/**
 * Ends every active connection, as AWS does on a revocation list import or a DNS server change.
 * OpenVPN clients reconnect by themselves a few seconds later, with a new connection id, unless
 * `mayReconnect` says their certificate is no longer accepted. Answers both, for the connection log.
 */
export function resetConnections(
  context: BaseContext,
  endpoint: ClientVpnEndpointRecord,
  mayReconnect: (connection: ClientVpnConnectionRecord) => boolean,
): { ended: ClientVpnConnectionRecord[]; reconnected: ClientVpnConnectionRecord[] } {
  const reconnecting = endpoint.connections.filter((connection) => connectionStatus(context, endpoint, connection) === "connecting");
  // A client still reconnecting from an earlier reset simply tries again, or is refused for good.
  endpoint.connections = endpoint.connections.filter((connection) => !reconnecting.includes(connection) || mayReconnect(connection));
  const ended = activeConnections(context, endpoint);
  const reconnected: ClientVpnConnectionRecord[] = [];
  for (const connection of ended) {
    connection.endedAt = context.now;
    if (!mayReconnect(connection)) continue;
    const identity = {
      commonName: connection.commonName,
      certificateSerial: connection.certificateSerial,
      certificateNotAfter: connection.certificateNotAfter,
      deviceIp: connection.deviceIp,
      devicePort: connection.devicePort,
    };
    const at = context.now + context.timing.clientVpnReconnectMs(context.prng);
    reconnected.push(newConnection(context, endpoint, identity, connection.clientIp, at));
  }
  return { ended, reconnected };
}

/** "YYYY-MM-DDTHH:MM:SS": how Client VPN endpoints show their times. */
export function endpointTime(epochMs: number): string {
  return new Date(epochMs).toISOString().slice(0, 19);
}

/** "YYYY-MM-DD HH:MM:SS": how Client VPN connections show their times. */
export function connectionTime(epochMs: number): string {
  return new Date(epochMs).toISOString().slice(0, 19).replace("T", " ");
}
