import { createHash } from "node:crypto";
import type { BaseContext } from "@/lib/sandbox/services/service";
import { connectionEnd, connectionTime, connectionTraffic } from "@/lib/sandbox/services/ec2/client-vpn-records";
import { deliverLogEvent, logGroupOf, newLogStream } from "@/lib/sandbox/services/logs/log-records";
import type { ClientVpnConnectionRecord, ClientVpnEndpointRecord } from "@/lib/sandbox/state/schema";

/**
 * Client VPN's connection log: with logging enabled, the endpoint writes a JSON entry to its
 * CloudWatch Logs stream for every connection attempt (successful or refused) and every end of a
 * connection (a reset). Fields and their "NA" placeholders follow AWS's connection log entries.
 * The OpenVPN version is the one AWS's own client reports; every simulated device uses it.
 */

const NA = "NA";
const OPENVPN_VERSION = "OpenVPN 2.6.12";

/**
 * A simulated device's public address: one per common name, in TEST-NET-3 (203.0.113.0/24,
 * RFC 5737), so it never names a real host and stays the same across the device's connections.
 */
export function simulatedDeviceIp(commonName: string): string {
  const digest = createHash("sha256").update(commonName).digest();
  return `203.0.113.${1 + (digest[0] % 254)}`;
}

/** An ephemeral source port, as the device's operating system would pick. */
export function simulatedDevicePort(context: BaseContext): number {
  return context.prng.int(49152, 65535);
}

interface Entry {
  logType: "connection-attempt" | "connection-reset";
  connectionId: string;
  commonName: string;
  clientIp: string;
  deviceIp: string;
  port: number | undefined;
  status: "successful" | "failed" | typeof NA;
  failureReason: string;
  startTime: number;
  endTime: number | undefined;
  traffic: { ingressBytes: number; egressBytes: number; ingressPackets: number; egressPackets: number };
}

function message(endpoint: ClientVpnEndpointRecord, entry: Entry): string {
  const duration = entry.endTime === undefined ? 0 : Math.max(0, Math.round((entry.endTime - entry.startTime) / 1000));
  return JSON.stringify({
    "connection-log-type": entry.logType,
    "connection-attempt-status": entry.status,
    "connection-reset-status": entry.logType === "connection-reset" ? "successful" : NA,
    "connection-attempt-failure-reason": entry.failureReason,
    "connection-id": entry.connectionId,
    "client-vpn-endpoint-id": endpoint.id,
    "transport-protocol": endpoint.transportProtocol,
    "connection-start-time": connectionTime(entry.startTime),
    "connection-last-update-time": connectionTime(entry.endTime ?? entry.startTime),
    "client-ip": entry.clientIp,
    "client-ipv6": NA,
    "common-name": entry.commonName,
    "device-type": NA,
    "device-ip": entry.deviceIp,
    "device-ipv6": NA,
    port: entry.port === undefined ? NA : String(entry.port),
    "ingress-bytes": String(entry.traffic.ingressBytes),
    "egress-bytes": String(entry.traffic.egressBytes),
    "ingress-packets": String(entry.traffic.ingressPackets),
    "egress-packets": String(entry.traffic.egressPackets),
    "connection-end-time": entry.endTime === undefined ? NA : connectionTime(entry.endTime),
    "connection-duration-seconds": String(duration),
    "client-openvpn-version": OPENVPN_VERSION,
    username: NA,
  });
}

/** Into the endpoint's stream; without a named stream AWS writes to one of its own, named after the endpoint. */
function write(context: BaseContext, endpoint: ClientVpnEndpointRecord, entry: Entry): void {
  const log = endpoint.connectionLog;
  if (!log.enabled || !log.group) return;
  const streamName = log.stream ?? endpoint.id;
  const group = logGroupOf(context, endpoint.ownerId, log.group);
  if (group && log.stream === undefined && !group.streams[streamName]) group.streams[streamName] = newLogStream(streamName, context.now);
  deliverLogEvent(context, endpoint.ownerId, log.group, streamName, message(endpoint, entry));
}

const NO_TRAFFIC = { ingressBytes: 0, egressBytes: 0, ingressPackets: 0, egressPackets: 0 };

export function logConnectionAttempt(context: BaseContext, endpoint: ClientVpnEndpointRecord, connection: ClientVpnConnectionRecord): void {
  write(context, endpoint, {
    logType: "connection-attempt",
    connectionId: connection.id,
    commonName: connection.commonName,
    clientIp: connection.clientIp,
    deviceIp: connection.deviceIp ?? NA,
    port: connection.devicePort,
    status: "successful",
    failureReason: NA,
    startTime: connection.establishedAt,
    endTime: undefined,
    traffic: NO_TRAFFIC,
  });
}

/** A handshake the endpoint refused: no client address was assigned. */
export function logRefusedAttempt(
  context: BaseContext,
  endpoint: ClientVpnEndpointRecord,
  attempt: { connectionId: string; commonName: string | undefined; deviceIp: string; port: number; reason: string },
): void {
  write(context, endpoint, {
    logType: "connection-attempt",
    connectionId: attempt.connectionId,
    commonName: attempt.commonName ?? NA,
    clientIp: NA,
    deviceIp: attempt.deviceIp,
    port: attempt.port,
    status: "failed",
    failureReason: attempt.reason,
    startTime: context.now,
    endTime: context.now,
    traffic: NO_TRAFFIC,
  });
}

/** The connection ended (the client disconnected, an administrator terminated it, or the endpoint reset it). */
export function logConnectionEnd(context: BaseContext, endpoint: ClientVpnEndpointRecord, connection: ClientVpnConnectionRecord): void {
  write(context, endpoint, {
    logType: "connection-reset",
    connectionId: connection.id,
    commonName: connection.commonName,
    clientIp: connection.clientIp,
    deviceIp: connection.deviceIp ?? NA,
    port: connection.devicePort,
    status: NA,
    failureReason: NA,
    startTime: connection.establishedAt,
    endTime: connectionEnd(endpoint, connection),
    traffic: connectionTraffic(context, endpoint, connection),
  });
}

/** What resetConnections did: each ended connection, then each client's reconnection. */
export function logReset(
  context: BaseContext,
  endpoint: ClientVpnEndpointRecord,
  reset: { ended: ClientVpnConnectionRecord[]; reconnected: ClientVpnConnectionRecord[] },
): void {
  for (const connection of reset.ended) logConnectionEnd(context, endpoint, connection);
  for (const connection of reset.reconnected) logConnectionAttempt(context, endpoint, connection);
}
