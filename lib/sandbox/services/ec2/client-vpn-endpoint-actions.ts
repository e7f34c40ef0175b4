import type { X509Certificate } from "node:crypto";
import { newResourceId } from "@/lib/sandbox/ids";
import { moving, stateAt } from "@/lib/sandbox/lifecycle";
import type { QueryParams } from "@/lib/sandbox/protocols/query-params";
import { SandboxError, invalidParameterValue, missingParameter } from "@/lib/sandbox/sandbox-error";
import { acmCertificate } from "@/lib/sandbox/services/acm/certificate-actions";
import { domainName, loadCertificate } from "@/lib/sandbox/services/acm/certificate-details";
import type { ActionContext, ActionSpec, BaseContext } from "@/lib/sandbox/services/service";
import { logGroupOf } from "@/lib/sandbox/services/logs/log-records";
import { rememberClientToken, replayedResource } from "@/lib/sandbox/services/ec2/client-tokens";
import { logReset } from "@/lib/sandbox/services/ec2/client-vpn-connection-log";
import {
  endpointDnsName,
  endpointNotFound,
  endpointStatus,
  endpointTime,
  liveAssociations,
  resetConnections,
} from "@/lib/sandbox/services/ec2/client-vpn-records";
import { overlaps, parseCidr } from "@/lib/sandbox/services/ec2/cidr";
import { applyFilters, readFilters } from "@/lib/sandbox/services/ec2/filters";
import { parseIpv4 } from "@/lib/sandbox/services/ec2/ipv4";
import { currentState, findLive, listedOwn } from "@/lib/sandbox/services/ec2/lifecycle-records";
import { findSecurityGroup, findVpc, selectByIds } from "@/lib/sandbox/services/ec2/lookups";
import { paginate } from "@/lib/sandbox/services/ec2/pagination";
import { readTagSpecifications, tagSet } from "@/lib/sandbox/services/ec2/tags";
import type { ClientVpnEndpointRecord } from "@/lib/sandbox/state/schema";
import { issuerAmong, keyAlgorithm, toPem } from "@/lib/sandbox/x509/certificates";

const SESSION_TIMEOUT_HOURS = [8, 10, 12, 24];
const VPN_PORTS = [443, 1194];
/** Client CIDR blocks from /22 (the smallest) to /12 (the largest), per the Client VPN limitations. */
const CLIENT_CIDR_PREFIXES = { largest: 12, smallest: 22 };

export function findEndpoint(context: ActionContext, id = context.params.requiredString("ClientVpnEndpointId")): ClientVpnEndpointRecord {
  return findLive(context, context.regionState.clientVpnEndpoints, id, endpointNotFound);
}

/** Certificates Client VPN uses must exist in ACM in this region and use RSA 1024 or 2048-bit keys. */
function usableCertificate(context: BaseContext, arn: string, role: "server" | "client root"): { certificate: X509Certificate; chain: X509Certificate[] } {
  const record = acmCertificate(context, arn);
  if (!record) throw invalidParameterValue(`Certificate ${arn} does not exist`);
  const loaded = loadCertificate(record);
  const algorithm = keyAlgorithm(loaded.certificate.publicKey);
  if (algorithm !== "RSA_1024" && algorithm !== "RSA_2048") {
    throw invalidParameterValue(`The ${role} certificate ${arn} uses ${algorithm ?? "an unsupported key"}: Client VPN accepts only RSA 1024 or 2048-bit keys.`);
  }
  if (role === "server" && !domainName(loaded.certificate)) throw invalidParameterValue(`Certificate ${arn} does not have a domain`);
  return loaded;
}

/**
 * What the exported configuration's <ca> holds: the server certificate's chain from ACM, or the
 * certificate itself when it is self-signed. Without either, clients could not verify the server.
 */
export function serverCaPem(context: BaseContext, endpoint: ClientVpnEndpointRecord): string {
  const { certificate, chain } = usableCertificate(context, endpoint.serverCertificateArn, "server");
  if (chain.length > 0) return chain.map(toPem).join("");
  if (issuerAmong(certificate, [certificate])) return toPem(certificate);
  throw invalidParameterValue(
    `The server certificate ${endpoint.serverCertificateArn} was imported without its certificate chain: import it with CertificateChain.`,
  );
}

function readDnsServers(values: readonly string[]): string[] {
  if (values.length > 2) throw invalidParameterValue("A Client VPN endpoint can have at most two DNS servers.");
  for (const value of values) {
    if (parseIpv4(value) === null) throw invalidParameterValue(`Value (${value}) for parameter DnsServers is invalid. Expecting an IPv4 address.`);
  }
  return [...values];
}

function readSecurityGroups(context: ActionContext, vpcId: string | undefined, ids: readonly string[]): string[] {
  if (ids.length === 0) return [];
  if (vpcId === undefined) throw missingParameter("VpcId");
  if (ids.length > 5) throw invalidParameterValue("A Client VPN endpoint can have at most five security groups.");
  for (const id of ids) {
    if (findSecurityGroup(context, id).vpcId !== vpcId) {
      throw invalidParameterValue(`Security group ${id} does not belong to VPC ${vpcId}.`);
    }
  }
  return [...ids];
}

function readSessionTimeout(value: number | undefined): number | undefined {
  if (value !== undefined && !SESSION_TIMEOUT_HOURS.includes(value)) {
    throw invalidParameterValue(`Value (${value}) for parameter SessionTimeoutHours is invalid. Valid values: 8, 10, 12, 24.`);
  }
  return value;
}

function readVpnPort(value: number | undefined): number | undefined {
  if (value !== undefined && !VPN_PORTS.includes(value)) {
    throw invalidParameterValue(`Value (${value}) for parameter VpnPort is invalid. Valid values: 443, 1194.`);
  }
  return value;
}

/** Logging needs the caller's log group (and stream, when named) to exist already, as AWS checks. */
function readConnectionLog(context: ActionContext) {
  const params = context.params;
  if (!params.has("ConnectionLogOptions")) throw missingParameter("ConnectionLogOptions");
  const options = params.struct("ConnectionLogOptions");
  const enabled = options.boolean("Enabled");
  if (enabled === undefined) throw missingParameter("ConnectionLogOptions.Enabled");
  if (!enabled) return { enabled, group: undefined, stream: undefined };
  const group = options.string("CloudwatchLogGroup");
  if (!group) throw missingParameter("ConnectionLogOptions.CloudwatchLogGroup");
  const stream = options.string("CloudwatchLogStream");
  const record = logGroupOf(context, context.accountId, group);
  if (!record) throw invalidParameterValue(`The CloudWatch Logs log group ${group} does not exist.`);
  if (stream !== undefined && !record.streams[stream]) {
    throw invalidParameterValue(`The CloudWatch Logs log stream ${stream} does not exist in the log group ${group}.`);
  }
  return { enabled, group, stream };
}

/** Mutual (certificate) authentication is the one method this cloud emulates. */
function readClientRootArn(params: QueryParams): string {
  const options = params.structList("Authentication");
  if (options.length === 0) throw missingParameter("AuthenticationOptions");
  if (options.length > 2) throw invalidParameterValue("At most two authentication options can be given.");
  let arn: string | undefined;
  for (const option of options) {
    const type = option.requiredString("Type");
    if (type !== "certificate-authentication") {
      throw invalidParameterValue(`Authentication type ${type} is not available in this sandbox cloud: use certificate-authentication.`);
    }
    arn = option.struct("MutualAuthentication").requiredString("ClientRootCertificateChainArn");
  }
  if (arn === undefined) throw missingParameter("AuthenticationOptions");
  return arn;
}

function createEndpoint(context: ActionContext): ClientVpnEndpointRecord {
  const params = context.params;
  const rs = context.regionState;
  const serverCertificateArn = params.requiredString("ServerCertificateArn");
  const clientRootCertificateChainArn = readClientRootArn(params);
  const connectionLog = readConnectionLog(context);
  const cidrText = params.requiredString("ClientCidrBlock");
  const cidr = parseCidr(cidrText);
  if (!cidr) throw invalidParameterValue(`Value (${cidrText}) for parameter ClientCidrBlock is invalid. This is not a valid CIDR block.`);
  if (cidr.prefix < CLIENT_CIDR_PREFIXES.largest || cidr.prefix > CLIENT_CIDR_PREFIXES.smallest) {
    throw invalidParameterValue(`The client CIDR ${cidrText} is invalid: it must be between /12 and /22.`);
  }
  const vpcId = params.string("VpcId");
  if (vpcId !== undefined) {
    const vpc = findVpc(context, vpcId);
    const vpcCidr = parseCidr(vpc.cidrBlock);
    if (vpcCidr && overlaps(cidr, vpcCidr)) {
      throw new SandboxError("CidrConflict", `The client CIDR ${cidrText} overlaps the CIDR ${vpc.cidrBlock} of ${vpcId}.`);
    }
  }
  const transport = params.string("TransportProtocol") ?? "udp";
  if (transport !== "udp" && transport !== "tcp") {
    throw invalidParameterValue(`Value (${transport}) for parameter TransportProtocol is invalid. Valid values: udp, tcp.`);
  }
  usableCertificate(context, serverCertificateArn, "server");
  usableCertificate(context, clientRootCertificateChainArn, "client root");
  const owned = Object.values(rs.clientVpnEndpoints).filter(
    (endpoint) => endpoint.ownerId === context.accountId && currentState(context, endpoint) !== "deleted",
  );
  const quota = context.quota("clientVpnEndpoints");
  if (owned.length >= quota) {
    throw new SandboxError("ClientVpnEndpointLimitExceeded", `You have reached the maximum number of Client VPN endpoints (${quota}).`);
  }
  const endpoint: ClientVpnEndpointRecord = {
    id: newResourceId(context.prng, "cvpn-endpoint"),
    ownerId: context.accountId,
    description: params.string("Description"),
    clientCidrBlock: cidrText,
    serverCertificateArn,
    clientRootCertificateChainArn,
    splitTunnel: params.boolean("SplitTunnel") ?? false,
    sessionTimeoutHours: readSessionTimeout(params.integer("SessionTimeoutHours")) ?? 24,
    disconnectOnSessionTimeout: params.boolean("DisconnectOnSessionTimeout") ?? true,
    vpcId,
    securityGroupIds: readSecurityGroups(context, vpcId, params.list("SecurityGroupId")),
    dnsServers: readDnsServers(params.list("DnsServers")),
    transportProtocol: transport,
    vpnPort: readVpnPort(params.integer("VpnPort")) ?? 443,
    connectionLog,
    lifecycle: { state: "pending-associate" },
    associations: [],
    authorizationRules: [],
    routes: [],
    connections: [],
    createdAt: context.now,
    tags: readTagSpecifications(params, "client-vpn-endpoint"),
  };
  rs.clientVpnEndpoints[endpoint.id] = endpoint;
  return endpoint;
}

export function endpointXml(context: BaseContext, endpoint: ClientVpnEndpointRecord) {
  const status = endpointStatus(context, endpoint);
  const deletedAt = endpoint.lifecycle.next?.state === "deleted" ? endpoint.lifecycle.next.at : undefined;
  return {
    clientVpnEndpointId: endpoint.id,
    description: endpoint.description,
    status: { code: status },
    creationTime: endpointTime(endpoint.createdAt),
    deletionTime: status === "deleted" && deletedAt !== undefined ? endpointTime(deletedAt) : undefined,
    dnsName: endpointDnsName(context.region, endpoint),
    clientCidrBlock: endpoint.clientCidrBlock,
    dnsServer: endpoint.dnsServers,
    splitTunnel: endpoint.splitTunnel,
    vpnProtocol: "openvpn",
    transportProtocol: endpoint.transportProtocol,
    vpnPort: endpoint.vpnPort,
    serverCertificateArn: endpoint.serverCertificateArn,
    authenticationOptions: [
      { type: "certificate-authentication", mutualAuthentication: { clientRootCertificateChain: endpoint.clientRootCertificateChainArn } },
    ],
    connectionLogOptions: {
      Enabled: endpoint.connectionLog.enabled,
      CloudwatchLogGroup: endpoint.connectionLog.group,
      CloudwatchLogStream: endpoint.connectionLog.stream,
    },
    tagSet: tagSet(endpoint.tags),
    securityGroupIdSet: endpoint.securityGroupIds,
    vpcId: endpoint.vpcId,
    clientConnectOptions: { enabled: false, status: { code: "applied" } },
    sessionTimeoutHours: endpoint.sessionTimeoutHours,
    clientLoginBannerOptions: { enabled: false },
    clientRouteEnforcementOptions: { enforced: false },
    disconnectOnSessionTimeout: endpoint.disconnectOnSessionTimeout,
    endpointIpAddressType: "ipv4",
    trafficIpAddressType: "ipv4",
  };
}

/**
 * The .ovpn AWS exports: no client certificate or key (the customer appends <cert> and <key>).
 * `remote-random-hostname` makes the client put a random label before the DNS name, which the
 * endpoint's wildcard name answers, so the remote line carries the name without its `*.`.
 */
export function clientConfiguration(context: BaseContext, endpoint: ClientVpnEndpointRecord): string {
  const host = endpointDnsName(context.region, endpoint).replace(/^\*\./, "");
  return [
    "client",
    "dev tun",
    `proto ${endpoint.transportProtocol}`,
    `remote ${host} ${endpoint.vpnPort}`,
    "remote-random-hostname",
    "resolv-retry infinite",
    "nobind",
    "remote-cert-tls server",
    "cipher AES-256-GCM",
    "verb 3",
    "<ca>",
    serverCaPem(context, endpoint).trimEnd(),
    "</ca>",
    "",
    "",
    "reneg-sec 0",
    "",
  ].join("\n");
}

function endpointField(endpoint: ClientVpnEndpointRecord, name: string): string[] | undefined {
  switch (name) {
    case "endpoint-id":
      return [endpoint.id];
    case "transport-protocol":
      return [endpoint.transportProtocol];
    default:
      return undefined;
  }
}

function modifyEndpoint(context: ActionContext, endpoint: ClientVpnEndpointRecord): void {
  const params = context.params;
  if (endpointStatus(context, endpoint) === "deleting") {
    throw new SandboxError("IncorrectState", `The Client VPN endpoint ${endpoint.id} is being deleted.`);
  }
  const serverArn = params.string("ServerCertificateArn");
  if (serverArn !== undefined) {
    usableCertificate(context, serverArn, "server");
    endpoint.serverCertificateArn = serverArn;
  }
  if (params.has("ConnectionLogOptions")) endpoint.connectionLog = readConnectionLog(context);
  const vpnPort = readVpnPort(params.integer("VpnPort"));
  if (vpnPort !== undefined) endpoint.vpnPort = vpnPort;
  const description = params.string("Description");
  if (description !== undefined) endpoint.description = description;
  const splitTunnel = params.boolean("SplitTunnel");
  if (splitTunnel !== undefined) endpoint.splitTunnel = splitTunnel;
  const timeout = readSessionTimeout(params.integer("SessionTimeoutHours"));
  if (timeout !== undefined) endpoint.sessionTimeoutHours = timeout;
  const disconnect = params.boolean("DisconnectOnSessionTimeout");
  if (disconnect !== undefined) endpoint.disconnectOnSessionTimeout = disconnect;

  const vpcId = params.string("VpcId");
  const groupIds = params.list("SecurityGroupId");
  if (vpcId !== undefined && vpcId !== endpoint.vpcId) {
    if (liveAssociations(context, endpoint).length > 0) {
      throw invalidParameterValue(`Disassociate the target networks of ${endpoint.id} before moving it to another VPC.`);
    }
    findVpc(context, vpcId);
    if (groupIds.length === 0) throw missingParameter("SecurityGroupIds");
    endpoint.vpcId = vpcId;
  }
  if (groupIds.length > 0) endpoint.securityGroupIds = readSecurityGroups(context, endpoint.vpcId, groupIds);

  if (params.has("DnsServers")) {
    const dns = params.struct("DnsServers");
    const enabled = dns.boolean("Enabled") ?? true;
    const servers = enabled ? readDnsServers(dns.list("CustomDnsServers")) : [];
    const changed = servers.join(",") !== endpoint.dnsServers.join(",");
    endpoint.dnsServers = servers;
    // "Modifying the DNS server resets existing client connections" (API reference).
    if (changed) logReset(context, endpoint, resetConnections(context, endpoint, () => true));
  }
}

export const clientVpnEndpointActions: Record<string, ActionSpec> = {
  CreateClientVpnEndpoint: {
    mutates: true,
    run(context) {
      const earlier = replayedResource(context);
      const endpoint = earlier ? findEndpoint(context, earlier) : createEndpoint(context);
      if (!earlier) rememberClientToken(context, endpoint.id);
      context.recordCreated(endpoint.id);
      return {
        clientVpnEndpointId: endpoint.id,
        status: { code: endpointStatus(context, endpoint) },
        dnsName: endpointDnsName(context.region, endpoint),
      };
    },
  },
  DescribeClientVpnEndpoints: {
    mutates: false,
    run(context) {
      const all = listedOwn(context, context.regionState.clientVpnEndpoints);
      const selected = selectByIds(all, context.params.list("ClientVpnEndpointId"), (e) => e.id, endpointNotFound);
      const filtered = applyFilters(selected, readFilters(context.params), endpointField, (e) => e.tags);
      const { page, nextToken } = paginate(filtered, context.params, { min: 5, max: 1000 });
      return { clientVpnEndpoint: page.map((endpoint) => endpointXml(context, endpoint)), nextToken };
    },
  },
  ModifyClientVpnEndpoint: {
    mutates: true,
    run(context) {
      modifyEndpoint(context, findEndpoint(context));
      return { return: true };
    },
  },
  DeleteClientVpnEndpoint: {
    mutates: true,
    run(context) {
      const endpoint = findEndpoint(context);
      if (liveAssociations(context, endpoint).length > 0) {
        throw new SandboxError(
          "ClientVpnEndpointAssociationExists",
          `The Client VPN endpoint ${endpoint.id} has associated target networks: disassociate them first.`,
        );
      }
      if (stateAt(endpoint.lifecycle, context.now) !== "deleting") {
        endpoint.lifecycle = moving("deleting", "deleted", context.now, context.timing.clientVpnEndpointDeletionMs(context.prng));
        logReset(context, endpoint, resetConnections(context, endpoint, () => false));
      }
      return { status: { code: "deleting" } };
    },
  },
  ExportClientVpnClientConfiguration: {
    mutates: false,
    run: (context) => ({ clientConfiguration: clientConfiguration(context, findEndpoint(context)) }),
  },
};
