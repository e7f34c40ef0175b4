import { moving, stateAt } from "@/lib/sandbox/lifecycle";
import { SandboxError, invalidParameterValue, missingParameter } from "@/lib/sandbox/sandbox-error";
import type { ActionContext, ActionSpec, BaseContext } from "@/lib/sandbox/services/service";
import { logConnectionEnd, logReset } from "@/lib/sandbox/services/ec2/client-vpn-connection-log";
import { findEndpoint } from "@/lib/sandbox/services/ec2/client-vpn-endpoint-actions";
import {
  clientTrustAnchors,
  connectionEnd,
  connectionStatus,
  connectionTime,
  connectionTraffic,
  listedConnections,
  pruneConnections,
  resetConnections,
} from "@/lib/sandbox/services/ec2/client-vpn-records";
import { applyFilters, readFilters } from "@/lib/sandbox/services/ec2/filters";
import { paginate } from "@/lib/sandbox/services/ec2/pagination";
import type { ClientVpnConnectionRecord, ClientVpnEndpointRecord } from "@/lib/sandbox/state/schema";
import { CrlError, crlSignedBy, parseCrl } from "@/lib/sandbox/x509/crl";
import { hasStrayText, pemBlocks } from "@/lib/sandbox/x509/pem";

/** Quota (AWS-FACTS.md): 20,000 entries in a client certificate revocation list. */
const CRL_ENTRY_QUOTA = 20000;
const NO_TAGS = () => ({});

function invalidCrl(detail: string): SandboxError {
  return invalidParameterValue(`The certificate revocation list is not valid: ${detail}`);
}

/**
 * Validates the list the way a relying party must: one PEM `X509 CRL`, well-formed DER, signed by
 * the endpoint's client CA (the client root certificate or a certificate in its chain).
 */
function readRevocationList(context: BaseContext, endpoint: ClientVpnEndpointRecord, text: string) {
  const blocks = pemBlocks(text);
  if (blocks.length !== 1 || blocks[0].label !== "X509 CRL" || hasStrayText(text)) {
    throw invalidCrl("it must be exactly one PEM block (-----BEGIN X509 CRL-----).");
  }
  let crl;
  try {
    crl = parseCrl(blocks[0].der);
  } catch (error) {
    if (error instanceof CrlError) throw invalidCrl(error.message);
    throw error;
  }
  if (!clientTrustAnchors(context, endpoint).some((anchor) => crlSignedBy(crl, anchor))) {
    throw invalidCrl(`it is not signed by the client certificate authority of ${endpoint.id}.`);
  }
  if (crl.revokedSerials.length > CRL_ENTRY_QUOTA) {
    throw new SandboxError(
      "ClientVpnCertificateRevocationListLimitExceeded",
      `A certificate revocation list can have at most ${CRL_ENTRY_QUOTA} entries.`,
    );
  }
  return { pem: blocks[0].text, revokedSerials: [...new Set(crl.revokedSerials)] };
}

export function isRevoked(endpoint: ClientVpnEndpointRecord, serial: string): boolean {
  return endpoint.revocationList?.revokedSerials.includes(serial) ?? false;
}

function connectionXml(context: BaseContext, endpoint: ClientVpnEndpointRecord, connection: ClientVpnConnectionRecord) {
  const status = connectionStatus(context, endpoint, connection);
  const traffic = connectionTraffic(context, endpoint, connection);
  return {
    clientVpnEndpointId: endpoint.id,
    timestamp: connectionTime(context.now),
    connectionId: connection.id,
    connectionEstablishedTime: connectionTime(connection.establishedAt),
    ingressBytes: String(traffic.ingressBytes),
    egressBytes: String(traffic.egressBytes),
    ingressPackets: String(traffic.ingressPackets),
    egressPackets: String(traffic.egressPackets),
    clientIp: connection.clientIp,
    commonName: connection.commonName,
    status: { code: status },
    connectionEndTime: status === "terminated" ? connectionTime(connectionEnd(endpoint, connection)) : "-",
  };
}

function connectionField(connection: ClientVpnConnectionRecord, name: string): string[] | undefined {
  switch (name) {
    case "connection-id":
      return [connection.id];
    case "username":
      // Certificate-authenticated connections have no user name (it comes from AD or SAML).
      return [];
    default:
      return undefined;
  }
}

function terminate(context: ActionContext, endpoint: ClientVpnEndpointRecord) {
  const connectionId = context.params.string("ConnectionId");
  const username = context.params.string("Username");
  if (connectionId === undefined && username === undefined) throw missingParameter("ConnectionId or Username");
  if (connectionId !== undefined && username !== undefined) {
    throw new SandboxError("InvalidParameterCombination", "Specify either ConnectionId or Username, not both.");
  }
  let targets: ClientVpnConnectionRecord[];
  if (connectionId !== undefined) {
    const connection = listedConnections(context, endpoint).find((candidate) => candidate.id === connectionId);
    if (!connection) {
      throw new SandboxError("InvalidClientVpnConnection.IdNotFound", `The connection ID '${connectionId}' does not exist for ${endpoint.id}`);
    }
    targets = [connection];
  } else {
    // Only directory or SAML users have user names: certificate-authenticated connections never match.
    targets = [];
  }
  const statuses = targets.map((connection) => {
    const previous = connectionStatus(context, endpoint, connection);
    if (previous === "active") {
      connection.endedAt = context.now;
      logConnectionEnd(context, endpoint, connection);
    }
    return {
      connectionId: connection.id,
      previousStatus: { code: previous },
      currentStatus: { code: previous === "active" ? "terminating" : previous },
    };
  });
  return { clientVpnEndpointId: endpoint.id, username, connectionStatuses: statuses };
}

export const clientVpnConnectionActions: Record<string, ActionSpec> = {
  ImportClientVpnClientCertificateRevocationList: {
    mutates: true,
    run(context) {
      const endpoint = findEndpoint(context);
      const list = readRevocationList(context, endpoint, context.params.requiredString("CertificateRevocationList"));
      endpoint.revocationList = {
        ...list,
        lifecycle: moving("pending", "active", context.now, context.timing.clientVpnRevocationListMs(context.prng)),
      };
      // The import replaces the whole list and resets every connection (AWS-FACTS.md, Client VPN);
      // clients whose certificate is still good reconnect on their own.
      logReset(context, endpoint, resetConnections(context, endpoint, (connection) => !isRevoked(endpoint, connection.certificateSerial)));
      pruneConnections(context, endpoint);
      return { return: true };
    },
  },
  ExportClientVpnClientCertificateRevocationList: {
    mutates: false,
    run(context) {
      const list = findEndpoint(context).revocationList;
      if (!list) return {};
      return { certificateRevocationList: list.pem, status: { code: stateAt(list.lifecycle, context.now) } };
    },
  },
  DescribeClientVpnConnections: {
    mutates: false,
    run(context) {
      const endpoint = findEndpoint(context);
      const filtered = applyFilters(listedConnections(context, endpoint), readFilters(context.params), connectionField, NO_TAGS);
      const { page, nextToken } = paginate(filtered, context.params, { min: 5, max: 1000 });
      return { connections: page.map((connection) => connectionXml(context, endpoint, connection)), nextToken };
    },
  },
  TerminateClientVpnConnections: {
    mutates: true,
    run: (context) => terminate(context, findEndpoint(context)),
  },
};
