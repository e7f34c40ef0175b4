import { X509Certificate } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  ACMClient,
  AddTagsToCertificateCommand,
  DeleteCertificateCommand,
  DescribeCertificateCommand,
  GetCertificateCommand,
  ImportCertificateCommand,
  ListCertificatesCommand,
  ListTagsForCertificateCommand,
} from "@aws-sdk/client-acm";
import {
  AssociateClientVpnTargetNetworkCommand,
  AuthorizeClientVpnIngressCommand,
  CreateClientVpnEndpointCommand,
  type CreateClientVpnEndpointCommandInput,
  CreateClientVpnRouteCommand,
  CreateSecurityGroupCommand,
  CreateSubnetCommand,
  CreateVpcCommand,
  DeleteClientVpnEndpointCommand,
  DeleteClientVpnRouteCommand,
  DescribeClientVpnAuthorizationRulesCommand,
  DescribeClientVpnConnectionsCommand,
  DescribeClientVpnEndpointsCommand,
  DescribeClientVpnRoutesCommand,
  DescribeClientVpnTargetNetworksCommand,
  DisassociateClientVpnTargetNetworkCommand,
  EC2Client,
  ExportClientVpnClientCertificateRevocationListCommand,
  ExportClientVpnClientConfigurationCommand,
  ImportClientVpnClientCertificateRevocationListCommand,
  ModifyClientVpnEndpointCommand,
  RevokeClientVpnIngressCommand,
  TerminateClientVpnConnectionsCommand,
} from "@aws-sdk/client-ec2";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { createSandboxCloud, type SandboxCloud, type SandboxOptions } from "@/lib/sandbox/cloud";
import { startSandboxServer, type SandboxServer } from "@/lib/sandbox/http-server";
import { SandboxError } from "@/lib/sandbox/sandbox-error";
import { contains, parseCidr } from "@/lib/sandbox/services/ec2/cidr";
import { parseIpv4 } from "@/lib/sandbox/services/ec2/ipv4";
import { createOpensslCa, type IssuedCertificate } from "@/lib/sandbox/x509/openssl-fixtures";

const PROVIDER = "210987654321";
const REGION = "us-east-1";
const CLIENT_CIDR = "10.200.0.0/22";

// One PKI for the whole file: key generation is the slow part.
const ca = createOpensslCa("Onramp Test Root CA");
const rogue = createOpensslCa("Rogue CA");
const server = ca.issue("vpn.onramp.test", { profile: "server" });
const deviceA = ca.issue("tenant-a.laptop-1", { profile: "client" });
const deviceB = ca.issue("tenant-b.laptop-1", { profile: "client" });
const deviceC = ca.issue("tenant-a.laptop-2", { profile: "client" });
const expiredDevice = ca.issue("tenant-a.old-laptop", { profile: "client", expired: true });
const rogueDevice = rogue.issue("intruder", { profile: "client" });
const ecServer = ca.issue("ec.onramp.test", { profile: "server", keyType: "ec" });
ca.revoke(deviceA);
const crlRevokingA = ca.crl();
const rogueCrl = rogue.crl();

const opened: SandboxCloud[] = [];
const servers: SandboxServer[] = [];
const tempDirs: string[] = [];

afterEach(async () => {
  for (const running of servers.splice(0)) await running.close();
  for (const cloud of opened.splice(0)) await cloud.close();
  for (const dir of tempDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

afterAll(() => {
  ca.remove();
  rogue.remove();
});

function openCloud(options: Partial<SandboxOptions> = {}): SandboxCloud {
  const cloud = createSandboxCloud({ stateFile: null, profile: "instant", seed: 11, ...options });
  opened.push(cloud);
  return cloud;
}

function clients(cloud: SandboxCloud, endpoint?: string) {
  const base = { region: REGION, credentials: cloud.credentialsFor(PROVIDER), maxAttempts: 1 };
  const transport = endpoint ? { endpoint } : { requestHandler: cloud.requestHandler() };
  return { ec2: new EC2Client({ ...base, ...transport }), acm: new ACMClient({ ...base, ...transport }) };
}

const text = (value: string) => new TextEncoder().encode(value);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function importCertificate(acm: ACMClient, issued: IssuedCertificate, withChain = true): Promise<string> {
  const { CertificateArn } = await acm.send(
    new ImportCertificateCommand({
      Certificate: text(issued.certificatePem),
      PrivateKey: text(issued.privateKeyPem),
      CertificateChain: withChain ? text(ca.certificatePem) : undefined,
    }),
  );
  return CertificateArn ?? "";
}

async function landing(ec2: EC2Client) {
  const { Vpc } = await ec2.send(new CreateVpcCommand({ CidrBlock: "10.80.0.0/16" }));
  const vpcId = Vpc?.VpcId ?? "";
  const subnetIds: string[] = [];
  for (const [index, zoneId] of ["use1-az1", "use1-az2"].entries()) {
    const { Subnet } = await ec2.send(new CreateSubnetCommand({ VpcId: vpcId, CidrBlock: `10.80.${index}.0/24`, AvailabilityZoneId: zoneId }));
    subnetIds.push(Subnet?.SubnetId ?? "");
  }
  const { GroupId = "" } = await ec2.send(new CreateSecurityGroupCommand({ VpcId: vpcId, GroupName: "cvpn", Description: "cvpn" }));
  return { vpcId, subnetIds, groupId: GroupId };
}

async function sharedEndpoint(cloud: SandboxCloud, transport?: string) {
  const { ec2, acm } = clients(cloud, transport);
  const serverArn = await importCertificate(acm, server);
  const clientRootArn = await importCertificate(acm, ca.issue("client-root-holder", { profile: "client" }));
  const network = await landing(ec2);
  const input: CreateClientVpnEndpointCommandInput = {
    ClientCidrBlock: CLIENT_CIDR,
    ServerCertificateArn: serverArn,
    AuthenticationOptions: [{ Type: "certificate-authentication", MutualAuthentication: { ClientRootCertificateChainArn: clientRootArn } }],
    ConnectionLogOptions: { Enabled: false },
    SplitTunnel: true,
    SessionTimeoutHours: 12,
    VpcId: network.vpcId,
    SecurityGroupIds: [network.groupId],
    DnsServers: ["10.80.0.2"],
    ClientToken: "op-7:cvpn-endpoint",
    TagSpecifications: [{ ResourceType: "client-vpn-endpoint", Tags: [{ Key: "onramp:pool", Value: "shared-1" }] }],
  };
  const created = await ec2.send(new CreateClientVpnEndpointCommand(input));
  return { ec2, acm, input, serverArn, clientRootArn, network, endpointId: created.ClientVpnEndpointId ?? "", created };
}

function sandboxCode(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    if (error instanceof SandboxError) return error.code;
    throw error;
  }
  return undefined;
}

describe("ACM ImportCertificate over JSON 1.1 through the real SDK", () => {
  it("imports, describes, lists, tags, re-imports and deletes, validating key and chain", async () => {
    const { acm } = clients(openCloud());
    const arn = await importCertificate(acm, server);
    expect(arn).toMatch(/^arn:aws:acm:us-east-1:210987654321:certificate\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    const { Certificate } = await acm.send(new DescribeCertificateCommand({ CertificateArn: arn }));
    expect(Certificate).toMatchObject({
      DomainName: "vpn.onramp.test",
      Type: "IMPORTED",
      Status: "ISSUED",
      KeyAlgorithm: "RSA_2048",
      SignatureAlgorithm: "SHA256WITHRSA",
      Issuer: "CN=Onramp Test Root CA",
      InUseBy: [],
    });
    expect(Certificate?.Serial).toMatch(/^[0-9a-f]{2}(:[0-9a-f]{2})*$/);
    expect(Certificate?.NotAfter).toBeInstanceOf(Date);
    expect(Certificate?.ExtendedKeyUsages?.[0]?.Name).toBe("TLS_WEB_SERVER_AUTHENTICATION");
    const fetched = await acm.send(new GetCertificateCommand({ CertificateArn: arn }));
    expect(new X509Certificate(fetched.Certificate ?? "").fingerprint256).toBe(new X509Certificate(server.certificatePem).fingerprint256);
    expect(new X509Certificate(fetched.CertificateChain ?? "").fingerprint256).toBe(new X509Certificate(ca.certificatePem).fingerprint256);

    await expect(
      acm.send(new ImportCertificateCommand({ Certificate: text(server.certificatePem), PrivateKey: text(deviceB.privateKeyPem) })),
    ).rejects.toMatchObject({ name: "ValidationException", message: expect.stringMatching(/does not match/) });
    await expect(
      acm.send(
        new ImportCertificateCommand({
          Certificate: text(server.certificatePem),
          PrivateKey: text(server.privateKeyPem),
          CertificateChain: text(rogue.certificatePem),
        }),
      ),
    ).rejects.toMatchObject({ name: "ValidationException", message: expect.stringMatching(/chain/) });
    await expect(
      acm.send(new ImportCertificateCommand({ Certificate: text(expiredDevice.certificatePem), PrivateKey: text(expiredDevice.privateKeyPem) })),
    ).rejects.toMatchObject({ name: "ValidationException", message: expect.stringMatching(/expired/) });

    const ecArn = await importCertificate(acm, ecServer);
    const byDefault = await acm.send(new ListCertificatesCommand({}));
    expect(byDefault.CertificateSummaryList?.map((summary) => summary.CertificateArn)).toEqual([arn]);
    const everyKey = await acm.send(new ListCertificatesCommand({ Includes: { keyTypes: ["RSA_2048", "EC_prime256v1"] } }));
    expect(everyKey.CertificateSummaryList?.map((summary) => summary.KeyAlgorithm)).toEqual(["RSA_2048", "EC_prime256v1"]);

    await acm.send(new AddTagsToCertificateCommand({ CertificateArn: arn, Tags: [{ Key: "onramp:role", Value: "server" }] }));
    const { Tags } = await acm.send(new ListTagsForCertificateCommand({ CertificateArn: arn }));
    expect(Tags).toEqual([{ Key: "onramp:role", Value: "server" }]);

    const rotated = ca.issue("vpn.onramp.test", { profile: "server" });
    const again = await acm.send(
      new ImportCertificateCommand({
        CertificateArn: arn,
        Certificate: text(rotated.certificatePem),
        PrivateKey: text(rotated.privateKeyPem),
        CertificateChain: text(ca.certificatePem),
      }),
    );
    expect(again.CertificateArn).toBe(arn);
    const described = await acm.send(new DescribeCertificateCommand({ CertificateArn: arn }));
    expect(described.Certificate?.Serial?.replace(/:/g, "").toUpperCase()).toBe(rotated.serial.padStart(4, "0"));

    await acm.send(new DeleteCertificateCommand({ CertificateArn: ecArn }));
    await expect(acm.send(new DescribeCertificateCommand({ CertificateArn: ecArn }))).rejects.toMatchObject({
      name: "ResourceNotFoundException",
    });
  });
});

describe("Client VPN through the real SDK", () => {
  it("creates an endpoint idempotently and validates its certificates and CIDR", async () => {
    const cloud = openCloud();
    const { ec2, acm, input, endpointId, created, serverArn } = await sharedEndpoint(cloud);
    expect(endpointId).toMatch(/^cvpn-endpoint-[0-9a-f]{17}$/);
    expect(created.Status?.Code).toBe("pending-associate");
    expect(created.DnsName).toBe(`*.${endpointId}.prod.clientvpn.us-east-1.amazonaws.com`);
    expect((await ec2.send(new CreateClientVpnEndpointCommand(input))).ClientVpnEndpointId).toBe(endpointId);
    await expect(ec2.send(new CreateClientVpnEndpointCommand({ ...input, SplitTunnel: false }))).rejects.toMatchObject({
      name: "IdempotentParameterMismatch",
    });

    const { ClientVpnEndpoints = [] } = await ec2.send(new DescribeClientVpnEndpointsCommand({ ClientVpnEndpointIds: [endpointId] }));
    expect(ClientVpnEndpoints[0]).toMatchObject({
      ClientCidrBlock: CLIENT_CIDR,
      SplitTunnel: true,
      SessionTimeoutHours: 12,
      TransportProtocol: "udp",
      VpnPort: 443,
      VpnProtocol: "openvpn",
      DnsServers: ["10.80.0.2"],
      ServerCertificateArn: serverArn,
      Status: { Code: "pending-associate" },
      Tags: [{ Key: "onramp:pool", Value: "shared-1" }],
    });
    expect(ClientVpnEndpoints[0]?.CreationTime).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/);

    const fresh = { ...input, ClientToken: undefined };
    await expect(ec2.send(new CreateClientVpnEndpointCommand({ ...fresh, ClientCidrBlock: "10.200.0.0/23" }))).rejects.toMatchObject({
      name: "InvalidParameterValue",
    });
    await expect(ec2.send(new CreateClientVpnEndpointCommand({ ...fresh, ClientCidrBlock: "10.80.0.0/22" }))).rejects.toMatchObject({
      name: "CidrConflict",
    });
    const ecArn = await importCertificate(acm, ecServer);
    await expect(ec2.send(new CreateClientVpnEndpointCommand({ ...fresh, ServerCertificateArn: ecArn }))).rejects.toMatchObject({
      name: "InvalidParameterValue",
      message: expect.stringMatching(/RSA 1024 or 2048/),
    });
    await expect(acm.send(new DeleteCertificateCommand({ CertificateArn: serverArn }))).rejects.toMatchObject({
      name: "ResourceInUseException",
    });
    const inUse = await acm.send(new DescribeCertificateCommand({ CertificateArn: serverArn }));
    expect(inUse.Certificate?.InUseBy).toEqual([`arn:aws:ec2:us-east-1:${PROVIDER}:client-vpn-endpoint/${endpointId}`]);
  });

  it("exports a client configuration whose remote is the endpoint's DNS name and whose CA verifies the server", async () => {
    const cloud = openCloud();
    const { ec2, endpointId, created } = await sharedEndpoint(cloud);
    const { ClientConfiguration = "" } = await ec2.send(new ExportClientVpnClientConfigurationCommand({ ClientVpnEndpointId: endpointId }));
    const lines = ClientConfiguration.split("\n");
    expect(lines.slice(0, 10)).toEqual([
      "client",
      "dev tun",
      "proto udp",
      `remote ${(created.DnsName ?? "").replace("*.", "")} 443`,
      "remote-random-hostname",
      "resolv-retry infinite",
      "nobind",
      "remote-cert-tls server",
      "cipher AES-256-GCM",
      "verb 3",
    ]);
    expect(ClientConfiguration).toContain("reneg-sec 0");
    expect(ClientConfiguration).not.toMatch(/<cert>|<key>/);
    const caBlock = /<ca>\n([\s\S]*?)\n<\/ca>/.exec(ClientConfiguration)?.[1] ?? "";
    const trusted = new X509Certificate(caBlock);
    expect(trusted.subject).toBe("CN=Onramp Test Root CA");
    expect(new X509Certificate(server.certificatePem).verify(trusted.publicKey)).toBe(true);
  });

  it("associates, authorizes, routes and connects devices; isolates tenants; revocation resets and refuses", async () => {
    const cloud = openCloud();
    const { ec2, endpointId, network } = await sharedEndpoint(cloud);
    expect(sandboxCode(() => cloud.connectClientVpnDevice(endpointId, { certificatePem: deviceB.certificatePem }))).toBe("IncorrectState");

    const association = await ec2.send(
      new AssociateClientVpnTargetNetworkCommand({ ClientVpnEndpointId: endpointId, SubnetId: network.subnetIds[0], ClientToken: "op-7:assoc-a" }),
    );
    expect(association.AssociationId).toMatch(/^cvpn-assoc-[0-9a-f]{17}$/);
    await expect(
      ec2.send(new AssociateClientVpnTargetNetworkCommand({ ClientVpnEndpointId: endpointId, SubnetId: network.subnetIds[0] })),
    ).rejects.toMatchObject({ name: "InvalidClientVpnDuplicateAssociationException" });
    const { ClientVpnTargetNetworks = [] } = await ec2.send(new DescribeClientVpnTargetNetworksCommand({ ClientVpnEndpointId: endpointId }));
    expect(ClientVpnTargetNetworks[0]).toMatchObject({
      TargetNetworkId: network.subnetIds[0],
      VpcId: network.vpcId,
      Status: { Code: "associated" },
      SecurityGroups: [network.groupId],
    });
    const endpoints = await ec2.send(new DescribeClientVpnEndpointsCommand({ ClientVpnEndpointIds: [endpointId] }));
    expect(endpoints.ClientVpnEndpoints?.[0]?.Status?.Code).toBe("available");
    const { Routes = [] } = await ec2.send(new DescribeClientVpnRoutesCommand({ ClientVpnEndpointId: endpointId }));
    expect(Routes).toEqual([
      expect.objectContaining({ DestinationCidr: "10.80.0.0/16", TargetSubnet: network.subnetIds[0], Origin: "associate", Status: { Code: "active" } }),
    ]);

    await ec2.send(
      new AuthorizeClientVpnIngressCommand({ ClientVpnEndpointId: endpointId, TargetNetworkCidr: "10.80.0.0/24", AuthorizeAllGroups: true, Description: "endpoint subnets" }),
    );
    await expect(
      ec2.send(new AuthorizeClientVpnIngressCommand({ ClientVpnEndpointId: endpointId, TargetNetworkCidr: "10.80.0.0/24", AuthorizeAllGroups: true })),
    ).rejects.toMatchObject({ name: "InvalidClientVpnDuplicateAuthorizationRuleError" });
    const { AuthorizationRules = [] } = await ec2.send(new DescribeClientVpnAuthorizationRulesCommand({ ClientVpnEndpointId: endpointId }));
    expect(AuthorizationRules).toEqual([
      expect.objectContaining({ DestinationCidr: "10.80.0.0/24", AccessAll: true, Status: { Code: "active" }, Description: "endpoint subnets" }),
    ]);
    await ec2.send(new CreateClientVpnRouteCommand({ ClientVpnEndpointId: endpointId, DestinationCidrBlock: "172.16.0.0/16", TargetVpcSubnetId: network.subnetIds[0] }));
    await ec2.send(new DeleteClientVpnRouteCommand({ ClientVpnEndpointId: endpointId, DestinationCidrBlock: "172.16.0.0/16" }));
    await expect(
      ec2.send(new CreateClientVpnRouteCommand({ ClientVpnEndpointId: endpointId, DestinationCidrBlock: "172.16.0.0/16", TargetVpcSubnetId: network.subnetIds[1] })),
    ).rejects.toMatchObject({ name: "InvalidClientVpnActiveAssociationNotFound" });

    const connectionA = cloud.connectClientVpnDevice(endpointId, { certificatePem: deviceA.certificatePem });
    const connectionB = cloud.connectClientVpnDevice(endpointId, { certificatePem: deviceB.certificatePem });
    expect(connectionA).toMatch(/^cvpn-connection-[0-9a-f]{17}$/);
    expect(sandboxCode(() => cloud.connectClientVpnDevice(endpointId, { certificatePem: rogueDevice.certificatePem }))).toBe(
      "ClientCertificate.Untrusted",
    );
    expect(sandboxCode(() => cloud.connectClientVpnDevice(endpointId, { certificatePem: expiredDevice.certificatePem }))).toBe(
      "ClientCertificate.Expired",
    );

    const listed = await ec2.send(new DescribeClientVpnConnectionsCommand({ ClientVpnEndpointId: endpointId }));
    const shownA = listed.Connections?.find((connection) => connection.ConnectionId === connectionA);
    const shownB = listed.Connections?.find((connection) => connection.ConnectionId === connectionB);
    expect(shownA).toMatchObject({ CommonName: "tenant-a.laptop-1", Status: { Code: "active" }, ConnectionEndTime: "-" });
    expect(shownA?.ConnectionEstablishedTime).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
    const clientCidr = parseCidr(CLIENT_CIDR);
    const ipB = shownB?.ClientIp ?? "";
    expect(clientCidr && contains(clientCidr, { base: parseIpv4(ipB) ?? 0, prefix: 32 })).toBe(true);
    await sleep(30);
    const later = await ec2.send(new DescribeClientVpnConnectionsCommand({ ClientVpnEndpointId: endpointId, Filters: [{ Name: "connection-id", Values: [connectionA] }] }));
    expect(Number(later.Connections?.[0]?.EgressBytes)).toBeGreaterThan(0);

    // Tenants share the endpoint but reach only what the rules allow: never each other.
    expect(cloud.canReach(endpointId, connectionA, "10.80.0.25")).toMatchObject({ reachable: true });
    expect(cloud.canReach(endpointId, connectionA, ipB)).toMatchObject({ reachable: false, reason: expect.stringMatching(/Client-to-client/) });
    expect(cloud.canReach(endpointId, connectionA, "10.80.1.25")).toMatchObject({ reachable: false });
    expect(cloud.canReach(endpointId, connectionA, "8.8.8.8")).toMatchObject({ reachable: false, reason: expect.stringMatching(/route/) });

    await expect(
      ec2.send(new ImportClientVpnClientCertificateRevocationListCommand({ ClientVpnEndpointId: endpointId, CertificateRevocationList: rogueCrl })),
    ).rejects.toMatchObject({ name: "InvalidParameterValue", message: expect.stringMatching(/not signed by the client certificate authority/) });
    await expect(
      ec2.send(new ImportClientVpnClientCertificateRevocationListCommand({ ClientVpnEndpointId: endpointId, CertificateRevocationList: server.certificatePem })),
    ).rejects.toMatchObject({ name: "InvalidParameterValue" });
    await ec2.send(new ImportClientVpnClientCertificateRevocationListCommand({ ClientVpnEndpointId: endpointId, CertificateRevocationList: crlRevokingA }));

    const afterImport = await ec2.send(new DescribeClientVpnConnectionsCommand({ ClientVpnEndpointId: endpointId }));
    const byId = new Map((afterImport.Connections ?? []).map((connection) => [connection.ConnectionId, connection]));
    expect(byId.get(connectionA)?.Status?.Code).toBe("terminated");
    expect(byId.get(connectionB)?.Status?.Code).toBe("terminated");
    const reconnected = (afterImport.Connections ?? []).filter((connection) => connection.Status?.Code === "active");
    expect(reconnected.map((connection) => connection.CommonName)).toEqual(["tenant-b.laptop-1"]);
    expect(reconnected[0]?.ConnectionId).not.toBe(connectionB);
    expect(sandboxCode(() => cloud.connectClientVpnDevice(endpointId, { certificatePem: deviceA.certificatePem }))).toBe("ClientCertificate.Revoked");
    const exported = await ec2.send(new ExportClientVpnClientCertificateRevocationListCommand({ ClientVpnEndpointId: endpointId }));
    expect(exported.CertificateRevocationList?.trim()).toBe(crlRevokingA.trim());
    expect(exported.Status?.Code).toBe("active");

    const connectionC = cloud.connectClientVpnDevice(endpointId, { certificatePem: deviceC.certificatePem });
    const terminated = await ec2.send(new TerminateClientVpnConnectionsCommand({ ClientVpnEndpointId: endpointId, ConnectionId: connectionC }));
    expect(terminated.ConnectionStatuses).toEqual([
      { ConnectionId: connectionC, PreviousStatus: { Code: "active" }, CurrentStatus: { Code: "terminating" } },
    ]);
    cloud.disconnectClientVpnDevice(reconnected[0]?.ConnectionId ?? "");
    const none = await ec2.send(new DescribeClientVpnConnectionsCommand({ ClientVpnEndpointId: endpointId }));
    expect(none.Connections?.filter((connection) => connection.Status?.Code === "active")).toEqual([]);

    await ec2.send(new RevokeClientVpnIngressCommand({ ClientVpnEndpointId: endpointId, TargetNetworkCidr: "10.80.0.0/24", RevokeAllGroups: true }));
    await expect(ec2.send(new DeleteClientVpnEndpointCommand({ ClientVpnEndpointId: endpointId }))).rejects.toMatchObject({
      name: "ClientVpnEndpointAssociationExists",
    });
    await ec2.send(new DisassociateClientVpnTargetNetworkCommand({ ClientVpnEndpointId: endpointId, AssociationId: association.AssociationId }));
    const deleted = await ec2.send(new DeleteClientVpnEndpointCommand({ ClientVpnEndpointId: endpointId }));
    expect(deleted.Status?.Code).toBe("deleting");
  });

  it("takes AWS's time: associating -> associated, authorizing -> active, and at most 10 operations in flight", async () => {
    const cloud = openCloud({ profile: "realistic", timeScale: 0.001 });
    const { ec2, endpointId, network } = await sharedEndpoint(cloud);
    const { Status } = await ec2.send(new AssociateClientVpnTargetNetworkCommand({ ClientVpnEndpointId: endpointId, SubnetId: network.subnetIds[0] }));
    expect(Status?.Code).toBe("associating");
    const attempts = await Promise.allSettled(
      Array.from({ length: 10 }, (_, index) =>
        ec2.send(new AuthorizeClientVpnIngressCommand({ ClientVpnEndpointId: endpointId, TargetNetworkCidr: `10.80.${index}.0/24`, AuthorizeAllGroups: true })),
      ),
    );
    const refused = attempts.filter((attempt) => attempt.status === "rejected");
    expect(attempts.filter((attempt) => attempt.status === "fulfilled")).toHaveLength(9);
    expect(refused).toHaveLength(1);
    expect(refused[0]?.status === "rejected" ? refused[0].reason : undefined).toMatchObject({
      name: "ConcurrentMutationLimitExceeded",
      message: "Cannot initiate another change for this endpoint at this time. Please try again later.",
    });
    const pending = await ec2.send(new DescribeClientVpnEndpointsCommand({ ClientVpnEndpointIds: [endpointId] }));
    expect(pending.ClientVpnEndpoints?.[0]?.Status?.Code).toBe("pending-associate");

    // 10-17 minutes at a 0.001 time scale: 0.6-1.02 s.
    await sleep(1100);
    const ready = await ec2.send(new DescribeClientVpnEndpointsCommand({ ClientVpnEndpointIds: [endpointId] }));
    expect(ready.ClientVpnEndpoints?.[0]?.Status?.Code).toBe("available");
    const rules = await ec2.send(new DescribeClientVpnAuthorizationRulesCommand({ ClientVpnEndpointId: endpointId }));
    expect(new Set(rules.AuthorizationRules?.map((rule) => rule.Status?.Code))).toEqual(new Set(["active"]));
    await ec2.send(new ModifyClientVpnEndpointCommand({ ClientVpnEndpointId: endpointId, DnsServers: { CustomDnsServers: ["10.80.0.2", "10.80.1.2"], Enabled: true } }));
    const modified = await ec2.send(new DescribeClientVpnEndpointsCommand({ ClientVpnEndpointIds: [endpointId] }));
    expect(modified.ClientVpnEndpoints?.[0]?.DnsServers).toEqual(["10.80.0.2", "10.80.1.2"]);
  });

  it("keeps endpoints, connections and the revocation list across a restart", async () => {
    const dir = mkdtempSync(join(tmpdir(), "onramp-cvpn-"));
    tempDirs.push(dir);
    const stateFile = join(dir, "state.json");
    const first = openCloud({ stateFile });
    const { ec2, endpointId, network } = await sharedEndpoint(first);
    await ec2.send(new AssociateClientVpnTargetNetworkCommand({ ClientVpnEndpointId: endpointId, SubnetId: network.subnetIds[1] }));
    const connectionB = first.connectClientVpnDevice(endpointId, { certificatePem: deviceB.certificatePem, clientIp: "10.200.0.50" });
    await ec2.send(new ImportClientVpnClientCertificateRevocationListCommand({ ClientVpnEndpointId: endpointId, CertificateRevocationList: crlRevokingA }));
    await first.close();

    const second = openCloud({ stateFile });
    const { ec2: again } = clients(second);
    const endpoints = await again.send(new DescribeClientVpnEndpointsCommand({}));
    expect(endpoints.ClientVpnEndpoints?.map((endpoint) => [endpoint.ClientVpnEndpointId, endpoint.Status?.Code])).toEqual([[endpointId, "available"]]);
    const connections = await again.send(new DescribeClientVpnConnectionsCommand({ ClientVpnEndpointId: endpointId }));
    expect(connections.Connections?.find((connection) => connection.ConnectionId === connectionB)?.Status?.Code).toBe("terminated");
    expect(connections.Connections?.find((connection) => connection.Status?.Code === "active")).toMatchObject({ ClientIp: "10.200.0.50" });
    expect(sandboxCode(() => second.connectClientVpnDevice(endpointId, { certificatePem: deviceA.certificatePem }))).toBe("ClientCertificate.Revoked");
  });

  it("simulates devices over the sandbox's HTTP admin routes", async () => {
    const cloud = openCloud();
    const running = await startSandboxServer(cloud, { port: 0 });
    servers.push(running);
    const { ec2, endpointId, network } = await sharedEndpoint(cloud, running.url);
    await ec2.send(new AssociateClientVpnTargetNetworkCommand({ ClientVpnEndpointId: endpointId, SubnetId: network.subnetIds[0] }));
    await ec2.send(new ImportClientVpnClientCertificateRevocationListCommand({ ClientVpnEndpointId: endpointId, CertificateRevocationList: crlRevokingA }));
    const post = (path: string, body: unknown) =>
      fetch(`${running.url}${path}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });

    const ok = await post(`/_sandbox/client-vpn/${endpointId}/connect`, { certificatePem: deviceB.certificatePem });
    expect(ok.status).toBe(200);
    const { connectionId } = (await ok.json()) as { connectionId: string };
    expect(connectionId).toMatch(/^cvpn-connection-/);
    const revoked = await post(`/_sandbox/client-vpn/${endpointId}/connect`, { certificatePem: deviceA.certificatePem });
    expect(revoked.status).toBe(403);
    expect(await revoked.json()).toMatchObject({ code: "ClientCertificate.Revoked" });
    const reach = await post(`/_sandbox/client-vpn/${endpointId}/reach`, { connectionId, destinationIp: "10.80.0.9" });
    expect(await reach.json()).toMatchObject({ reachable: false });
    const gone = await post(`/_sandbox/client-vpn/connections/${connectionId}/disconnect`, {});
    expect(gone.status).toBe(200);
    const unknown = await post("/_sandbox/client-vpn/cvpn-endpoint-00000000000000000/connect", { certificatePem: deviceB.certificatePem });
    expect(unknown.status).toBe(404);
  });
});
