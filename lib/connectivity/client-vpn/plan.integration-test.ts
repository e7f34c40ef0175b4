import { X509Certificate } from "node:crypto";
import { GetCertificateCommand } from "@aws-sdk/client-acm";
import { DescribeLogGroupsCommand, FilterLogEventsCommand, ListTagsForResourceCommand } from "@aws-sdk/client-cloudwatch-logs";
import {
  DescribeClientVpnAuthorizationRulesCommand,
  DescribeClientVpnConnectionsCommand,
  DescribeClientVpnEndpointsCommand,
  DescribeClientVpnTargetNetworksCommand,
  DescribeSecurityGroupsCommand,
  DescribeVpcEndpointsCommand,
  ExportClientVpnClientConfigurationCommand,
} from "@aws-sdk/client-ec2";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { clientVpnCertificateAuthorities, clientVpnEnvironments, ipamAllocations } from "@/db/schema";
import { sandboxCloud } from "@/lib/aws/sandbox-link";
import { registerSandboxProducts } from "@/lib/dal/products";
import { runUntilIdle } from "@/lib/engine/executor";
import { latestRunId, loadRunView } from "@/lib/engine/runs";
import { issueClientCertificate } from "@/lib/pki/client-certificate";
import { privateKeyMatchesCertificate } from "@/lib/pki/rsa-keys";
import { FAST } from "@/lib/connectivity/site-to-site/testing/harness";
import { loadAuthority } from "./authorities";
import { removeClientVpnEnvironment, startClientVpnEnvironment } from "./environments";
import { createClientVpnEnvironmentPlan } from "./plan";
import { BUILT, EXPECTED_CREATES, NOTHING, createsSince, liveResourcesOf, testAcm, testDeps, testEc2, testLogs } from "./testing/harness";

const plan = createClientVpnEnvironmentPlan(testDeps());
const REGION = "us-east-1";

beforeAll(async () => {
  await registerSandboxProducts(getDb());
});

async function runToEnd(runId: string) {
  await runUntilIdle(getDb(), { plans: [plan], ...FAST, runIds: [runId], timeoutMs: 90_000 });
  return loadRunView(getDb(), runId);
}

describe("the shared Client VPN environment", () => {
  it("builds everything once, trusts only its own PKI, authorizes only the endpoint subnets, and removes it all", async () => {
    const db = getDb();
    const since = sandboxCloud().calls().length;
    const environmentId = await startClientVpnEnvironment(db, plan, REGION, { dedicatedTenantId: null });
    const runId = await latestRunId(db, environmentId);
    const view = await runToEnd(runId ?? "");
    expect(view?.error).toBeNull();
    expect(view?.status).toBe("succeeded");
    expect(createsSince(since)).toEqual(EXPECTED_CREATES);
    const [environment] = await db.select().from(clientVpnEnvironments).where(eq(clientVpnEnvironments.id, environmentId));
    expect(environment?.status).toBe("available");

    const outputs = new Map(view?.steps.map((step) => [step.name, step]) ?? []);
    const endpointId = outputs.get("endpoint")?.resourceIds.clientVpnEndpoint ?? "";
    const ec2 = testEc2();
    const [endpoint] = (await ec2.send(new DescribeClientVpnEndpointsCommand({ ClientVpnEndpointIds: [endpointId] }))).ClientVpnEndpoints ?? [];
    const subnetCidrs = ["10.128.0.0/26", "10.128.0.64/26"];
    expect(endpoint).toMatchObject({
      Status: { Code: "available" },
      SplitTunnel: true,
      SessionTimeoutHours: 12,
      DnsServers: ["10.128.0.2"],
      ClientCidrBlock: "10.144.0.0/20",
      VpnProtocol: "openvpn",
      ConnectionLogOptions: { Enabled: true, CloudwatchLogGroup: `/onramp/client-vpn/${environmentId}`, CloudwatchLogStream: "connections" },
    });
    // The connection log group is the environment's: tagged like its other resources, kept 90 days.
    expect(await liveResourcesOf(environmentId)).toEqual(BUILT);
    const [logGroup] = (await testLogs().send(new DescribeLogGroupsCommand({ logGroupNamePrefix: `/onramp/client-vpn/${environmentId}` }))).logGroups ?? [];
    expect(logGroup?.retentionInDays).toBe(90);
    const logTags = (await testLogs().send(new ListTagsForResourceCommand({ resourceArn: logGroup?.logGroupArn }))).tags;
    expect(logTags).toMatchObject({ "onramp:connection": environmentId });
    const associations = (await ec2.send(new DescribeClientVpnTargetNetworksCommand({ ClientVpnEndpointId: endpointId }))).ClientVpnTargetNetworks ?? [];
    expect(associations.map((association) => association.Status?.Code)).toEqual(["associated", "associated"]);

    // Only the endpoint subnets, for all clients; nothing covers the client block (no client-to-client).
    const rules = (await ec2.send(new DescribeClientVpnAuthorizationRulesCommand({ ClientVpnEndpointId: endpointId }))).AuthorizationRules ?? [];
    expect(rules.map((rule) => rule.DestinationCidr).sort()).toEqual(subnetCidrs);
    expect(rules.every((rule) => rule.AccessAll && rule.Status?.Code === "active")).toBe(true);

    // Interface endpoints with private DNS, behind a group admitting only the subnets on the products' ports.
    const endpointIds = Object.values(outputs.get("productEndpoints")?.resourceIds ?? {});
    const interfaceEndpoints = (await ec2.send(new DescribeVpcEndpointsCommand({ VpcEndpointIds: endpointIds }))).VpcEndpoints ?? [];
    // Private DNS where the product has a private name (analytics), not where it has none (ledger).
    expect(interfaceEndpoints.map((e) => String(e.State).toLowerCase())).toEqual(["available", "available"]);
    expect(interfaceEndpoints.map((e) => e.PrivateDnsEnabled).sort()).toEqual([false, true]);
    expect(interfaceEndpoints.flatMap((e) => e.DnsEntries?.map((entry) => entry.DnsName) ?? [])).toContain("analytics.acme-saas.example");
    const groupId = outputs.get("securityGroups")?.resourceIds["securityGroup:products"] ?? "";
    const [group] = (await ec2.send(new DescribeSecurityGroupsCommand({ GroupIds: [groupId] }))).SecurityGroups ?? [];
    expect(group?.IpPermissions?.flatMap((p) => p.IpRanges?.map((r) => `${p.FromPort}:${r.CidrIp}`) ?? []).sort()).toEqual(
      ["443:10.128.0.0/26", "443:10.128.0.64/26", "5432:10.128.0.0/26", "5432:10.128.0.64/26"],
    );

    // The server certificate in ACM chains to the environment's root; devices' certificates from its client CA are trusted.
    const root = await loadAuthority(db, environmentId, "root");
    const client = await loadAuthority(db, environmentId, "client");
    if (!root || !client) throw new Error("the environment has no CAs");
    const rootCertificate = new X509Certificate(root.certificatePem);
    const server = await testAcm().send(new GetCertificateCommand({ CertificateArn: endpoint?.ServerCertificateArn }));
    const serverCertificate = new X509Certificate(server.Certificate ?? "");
    expect(serverCertificate.checkIssued(rootCertificate)).toBe(true);
    expect(serverCertificate.verify(rootCertificate.publicKey)).toBe(true);
    expect(new X509Certificate(server.CertificateChain ?? "").fingerprint256).toBe(rootCertificate.fingerprint256);
    const exported = await ec2.send(new ExportClientVpnClientConfigurationCommand({ ClientVpnEndpointId: endpointId }));
    expect(exported.ClientConfiguration).toContain(root.certificatePem.trim());
    const trust = await testAcm().send(new GetCertificateCommand({ CertificateArn: endpoint?.AuthenticationOptions?.[0]?.MutualAuthentication?.ClientRootCertificateChain }));
    expect(new X509Certificate(trust.Certificate ?? "").checkIssued(new X509Certificate(client.certificatePem))).toBe(true);
    const device = await issueClientCertificate(client, { tenantId: "tenant-a", tenantSlug: "tenant-a", deviceId: "laptop-1" });
    const cloud = sandboxCloud();
    const connectionId = cloud.connectClientVpnDevice(endpointId, { certificatePem: device.certificatePem });
    const other = cloud.connectClientVpnDevice(endpointId, { certificatePem: device.certificatePem });
    // The products' endpoints in both subnets and the VPC's resolver are reachable; other devices and the internet are not.
    const reach = (ip: string) => cloud.canReach(endpointId, connectionId, ip).reachable;
    expect([reach("10.128.0.10"), reach("10.128.0.70"), reach("10.128.0.2")]).toEqual([true, true, true]);
    const otherIp = (await ec2.send(new DescribeClientVpnConnectionsCommand({ ClientVpnEndpointId: endpointId }))).Connections?.find((c) => c.ConnectionId === other)?.ClientIp;
    expect(otherIp).toMatch(/^10\.144\./);
    expect([reach(otherIp ?? ""), reach("10.128.0.200"), reach("8.8.8.8")]).toEqual([false, false, false]);
    // Both connections were logged to the environment's stream.
    const logged = await testLogs().send(
      new FilterLogEventsCommand({ logGroupName: `/onramp/client-vpn/${environmentId}`, logStreamNames: ["connections"], filterPattern: '"connection-attempt"' }),
    );
    expect(logged.events?.map((event) => JSON.parse(event.message ?? "{}")["connection-id"])).toEqual([connectionId, other]);

    // CA keys at rest are ciphertext, never PEM, and decrypt to the keys of their certificates.
    const stored = await db.select().from(clientVpnCertificateAuthorities).where(eq(clientVpnCertificateAuthorities.environmentId, environmentId));
    expect(stored.map((row) => row.role).sort()).toEqual(["client", "root"]);
    for (const row of stored) {
      expect(row.encryptedPrivateKey).not.toContain("PRIVATE KEY");
      expect(row.encryptedPrivateKey).toMatch(/^v1\./);
    }
    expect(privateKeyMatchesCertificate(root.privateKeyPem, root.certificatePem)).toBe(true);

    const undoId = await removeClientVpnEnvironment(db, plan, environmentId);
    const undo = await runToEnd(undoId);
    expect(undo?.error).toBeNull();
    expect(undo?.status).toBe("succeeded");
    expect(await liveResourcesOf(environmentId)).toEqual(NOTHING);
    const [removed] = await db.select().from(clientVpnEnvironments).where(eq(clientVpnEnvironments.id, environmentId));
    expect(removed?.status).toBe("removed");
    expect(await db.select().from(clientVpnCertificateAuthorities).where(eq(clientVpnCertificateAuthorities.environmentId, environmentId))).toEqual([]);
    const held = await db.select().from(ipamAllocations);
    expect(held.filter((row) => row.releasedAt === null)).toEqual([]);
  });
});
