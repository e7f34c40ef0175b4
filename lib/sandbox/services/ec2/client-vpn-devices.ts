import { X509Certificate } from "node:crypto";
import { newResourceId } from "@/lib/sandbox/ids";
import { stateAt } from "@/lib/sandbox/lifecycle";
import { SandboxError, invalidParameterValue } from "@/lib/sandbox/sandbox-error";
import type { BaseContext } from "@/lib/sandbox/services/service";
import { isRevoked } from "@/lib/sandbox/services/ec2/client-vpn-connection-actions";
import {
  logConnectionAttempt,
  logConnectionEnd,
  logRefusedAttempt,
  simulatedDeviceIp,
  simulatedDevicePort,
} from "@/lib/sandbox/services/ec2/client-vpn-connection-log";
import {
  assignClientIp,
  clientTrustAnchors,
  connectionStatus,
  endpointNotFound,
  endpointStatus,
  liveAssociations,
  newConnection,
  pruneConnections,
} from "@/lib/sandbox/services/ec2/client-vpn-records";
import { contains, parseCidr } from "@/lib/sandbox/services/ec2/cidr";
import { parseIpv4 } from "@/lib/sandbox/services/ec2/ipv4";
import type { ClientVpnConnectionRecord, ClientVpnEndpointRecord } from "@/lib/sandbox/state/schema";
import { commonName, issuerAmong, keyAlgorithm } from "@/lib/sandbox/x509/certificates";
import { normalizeSerial } from "@/lib/sandbox/x509/der";
import { pemBlocks } from "@/lib/sandbox/x509/pem";

export interface DeviceConnectRequest {
  /** The device's client certificate (PEM); its key stays on the device. */
  certificatePem: string;
  /** The address to take from the client CIDR; the next free one otherwise. */
  clientIp?: string;
  /** The device's public address; by default one of TEST-NET-3 derived from its common name. */
  deviceIp?: string;
}

export interface ReachabilityVerdict {
  reachable: boolean;
  reason: string;
}

function refused(code: string, message: string): SandboxError {
  return new SandboxError(`ClientCertificate.${code}`, message, 403);
}

export function liveEndpoint(context: BaseContext, endpointId: string): ClientVpnEndpointRecord {
  const endpoint = context.regionState.clientVpnEndpoints[endpointId];
  if (!endpoint || stateAt(endpoint.lifecycle, context.now) === "deleted") throw endpointNotFound(endpointId);
  return endpoint;
}

function readDeviceCertificate(text: string): X509Certificate {
  const blocks = pemBlocks(text).filter((block) => block.label === "CERTIFICATE");
  if (blocks.length === 0) throw invalidParameterValue("certificatePem must hold a PEM certificate.");
  try {
    return new X509Certificate(blocks[0].der);
  } catch {
    throw invalidParameterValue("certificatePem does not parse as an X.509 certificate.");
  }
}

/** Why the handshake fails, as the SandboxError the simulation answers and the connection log's reason. */
interface Refusal {
  error: SandboxError;
  logReason: string;
}

function refusal(code: string, message: string, logReason: string): Refusal {
  return { error: refused(code, message), logReason };
}

/** The handshake's verdict: the certificate's common name when AWS would let the device in. */
function handshake(context: BaseContext, endpoint: ClientVpnEndpointRecord, certificate: X509Certificate): { refusal: Refusal } | { commonName: string } {
  if (!issuerAmong(certificate, clientTrustAnchors(context, endpoint))) {
    return { refusal: refusal("Untrusted", `The certificate is not issued by the client certificate authority of ${endpoint.id}.`, "client certificate not trusted") };
  }
  const algorithm = keyAlgorithm(certificate.publicKey);
  if (algorithm !== "RSA_1024" && algorithm !== "RSA_2048") {
    return { refusal: refusal("UnsupportedKey", "Client VPN accepts only RSA 1024 or 2048-bit client certificates.", "client certificate key not supported") };
  }
  if (Date.parse(certificate.validFrom) > context.now) return { refusal: refusal("NotYetValid", "The certificate is not yet valid.", "client certificate not yet valid") };
  if (Date.parse(certificate.validTo) <= context.now) return { refusal: refusal("Expired", "The certificate has expired.", "client certificate expired") };
  const name = commonName(certificate);
  if (!name) return { refusal: refusal("MissingCommonName", "Client certificates need a subject common name.", "client certificate has no common name") };
  if (isRevoked(endpoint, normalizeSerial(certificate.serialNumber))) {
    return { refusal: refusal("Revoked", "The certificate is in the endpoint's revocation list.", "client certificate revoked") };
  }
  return { commonName: name };
}

/**
 * "Simulate your side": a device's OpenVPN client connects with its certificate. The TLS handshake
 * is what AWS checks: the endpoint must be available, and the certificate must chain to the client
 * CA, be within its validity, use an RSA 1024/2048 key, carry a common name and not be revoked.
 * With connection logging on, the attempt is logged whether it succeeds or is refused.
 */
export function connectDevice(context: BaseContext, endpointId: string, request: DeviceConnectRequest): ClientVpnConnectionRecord {
  const endpoint = liveEndpoint(context, endpointId);
  const status = endpointStatus(context, endpoint);
  if (status !== "available") {
    throw new SandboxError("IncorrectState", `The Client VPN endpoint ${endpointId} is ${status}: devices connect once it is available.`);
  }
  const certificate = readDeviceCertificate(request.certificatePem);
  const wantedIp = request.clientIp === undefined ? undefined : parseIpv4(request.clientIp);
  if (wantedIp === null) throw invalidParameterValue(`clientIp ${request.clientIp ?? ""} is not an IPv4 address.`);
  if (request.deviceIp !== undefined && parseIpv4(request.deviceIp) === null) {
    throw invalidParameterValue(`deviceIp ${request.deviceIp} is not an IPv4 address.`);
  }
  const presented = commonName(certificate);
  const deviceIp = request.deviceIp ?? simulatedDeviceIp(presented ?? certificate.fingerprint256);
  const devicePort = simulatedDevicePort(context);
  const verdict = handshake(context, endpoint, certificate);
  if ("refusal" in verdict) {
    const connectionId = newResourceId(context.prng, "cvpn-connection");
    logRefusedAttempt(context, endpoint, { connectionId, commonName: presented, deviceIp, port: devicePort, reason: verdict.refusal.logReason });
    throw verdict.refusal.error;
  }
  const name = verdict.commonName;
  pruneConnections(context, endpoint);
  const clientIp = assignClientIp(context, endpoint, wantedIp);
  const identity = {
    commonName: name,
    certificateSerial: normalizeSerial(certificate.serialNumber),
    certificateNotAfter: Date.parse(certificate.validTo),
    deviceIp,
    devicePort,
  };
  const connection = newConnection(context, endpoint, identity, clientIp, context.now);
  logConnectionAttempt(context, endpoint, connection);
  return connection;
}

/** The device's client disconnects (as opposed to TerminateClientVpnConnections, the admin's cut). */
export function disconnectDevice(context: BaseContext, endpoint: ClientVpnEndpointRecord, connectionId: string): void {
  const connection = endpoint.connections.find((candidate) => candidate.id === connectionId);
  if (!connection || connectionStatus(context, endpoint, connection) === "terminated") {
    throw new SandboxError("InvalidClientVpnConnection.IdNotFound", `The connection ID '${connectionId}' is not active on ${endpoint.id}`);
  }
  connection.endedAt = context.now;
  logConnectionEnd(context, endpoint, connection);
}

function activeAuthorization(context: BaseContext, endpoint: ClientVpnEndpointRecord, address: number): string | undefined {
  // With certificate authentication there are no groups: only rules for all groups apply.
  const rule = endpoint.authorizationRules.find((candidate) => {
    const cidr = parseCidr(candidate.destinationCidr);
    return (
      candidate.accessAll &&
      stateAt(candidate.lifecycle, context.now) === "active" &&
      cidr !== null &&
      contains(cidr, { base: address, prefix: 32 })
    );
  });
  return rule?.destinationCidr;
}

/**
 * Whether traffic from a connected device to an address is allowed, evaluated as Client VPN does:
 * client-to-client traffic needs an authorization rule covering the client CIDR; anything else
 * needs an active route through an associated subnet and an active authorization rule.
 */
export function evaluateReach(
  context: BaseContext,
  endpoint: ClientVpnEndpointRecord,
  connectionId: string,
  destinationIp: string,
): ReachabilityVerdict {
  const connection = endpoint.connections.find((candidate) => candidate.id === connectionId);
  if (!connection || connectionStatus(context, endpoint, connection) !== "active") {
    return { reachable: false, reason: `Connection ${connectionId} is not active on ${endpoint.id}.` };
  }
  const address = parseIpv4(destinationIp);
  if (address === null) throw invalidParameterValue(`${destinationIp} is not an IPv4 address.`);
  const target = { base: address, prefix: 32 };
  const clientCidr = parseCidr(endpoint.clientCidrBlock);
  const toClient = clientCidr !== null && contains(clientCidr, target);
  if (!toClient) {
    const associated = new Set(
      liveAssociations(context, endpoint)
        .filter((association) => stateAt(association.lifecycle, context.now) === "associated")
        .map((association) => association.subnetId),
    );
    const route = endpoint.routes.find((candidate) => {
      const cidr = parseCidr(candidate.destinationCidr);
      return (
        stateAt(candidate.lifecycle, context.now) === "active" &&
        associated.has(candidate.targetSubnetId) &&
        cidr !== null &&
        contains(cidr, target)
      );
    });
    if (!route) return { reachable: false, reason: `No active route of ${endpoint.id} covers ${destinationIp}.` };
  }
  const rule = activeAuthorization(context, endpoint, address);
  if (!rule) {
    return {
      reachable: false,
      reason: toClient
        ? `Client-to-client traffic to ${destinationIp} is not authorized: no rule covers the client CIDR.`
        : `No active authorization rule of ${endpoint.id} covers ${destinationIp}.`,
    };
  }
  return { reachable: true, reason: `Authorized by the rule for ${rule}.` };
}
