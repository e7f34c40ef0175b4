import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  AcceptVpcEndpointConnectionsCommand,
  CreateVpcCommand,
  CreateVpcEndpointCommand,
  DeleteVpcEndpointsCommand,
  DescribeAvailabilityZonesCommand,
  DescribeSubnetsCommand,
  DescribeVpcEndpointConnectionsCommand,
  DescribeVpcEndpointServiceConfigurationsCommand,
  DescribeVpcEndpointServicesCommand,
  DescribeVpcEndpointsCommand,
  DescribeVpcsCommand,
  EC2Client,
  ModifyVpcEndpointServicePermissionsCommand,
  RejectVpcEndpointConnectionsCommand,
  type ServiceConfiguration,
} from "@aws-sdk/client-ec2";
import {
  DescribeListenersCommand,
  DescribeLoadBalancersCommand,
  ElasticLoadBalancingV2Client,
} from "@aws-sdk/client-elastic-load-balancing-v2";
import { afterEach, describe, expect, it } from "vitest";
import { createSandboxCloud, type SandboxCloud, type SandboxOptions } from "@/lib/sandbox/cloud";
import { startSandboxServer } from "@/lib/sandbox/http-server";

const CUSTOMER = "111122223333";
const OTHER_CUSTOMER = "444455556666";
const REGION = "us-east-1";

const opened: SandboxCloud[] = [];
const tempDirs: string[] = [];

afterEach(async () => {
  for (const cloud of opened.splice(0)) await cloud.close();
  for (const dir of tempDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function openCloud(options: Partial<SandboxOptions> = {}): SandboxCloud {
  const cloud = createSandboxCloud({ stateFile: null, profile: "instant", seed: 7, ...options });
  opened.push(cloud);
  return cloud;
}

function ec2For(cloud: SandboxCloud, accountId: string, extra: { maxAttempts?: number; region?: string } = {}) {
  return new EC2Client({
    region: extra.region ?? REGION,
    credentials: cloud.credentialsFor(accountId),
    requestHandler: cloud.requestHandler(),
    maxAttempts: extra.maxAttempts ?? 1,
  });
}

async function productService(cloud: SandboxCloud, slug: string, region = REGION): Promise<ServiceConfiguration> {
  const provider = ec2For(cloud, cloud.providerAccountId, { region });
  const { ServiceConfigurations = [] } = await provider.send(new DescribeVpcEndpointServiceConfigurationsCommand({}));
  const service = ServiceConfigurations.find((s) => s.Tags?.some((t) => t.Key === "onramp:product" && t.Value === slug));
  if (!service?.ServiceId || !service.ServiceName) throw new Error(`bootstrap product ${slug} missing`);
  return service;
}

async function allow(cloud: SandboxCloud, serviceId: string, accountId: string): Promise<void> {
  await ec2For(cloud, cloud.providerAccountId).send(
    new ModifyVpcEndpointServicePermissionsCommand({ ServiceId: serviceId, AddAllowedPrincipals: [`arn:aws:iam::${accountId}:root`] }),
  );
}

/** The customer's default VPC and one default subnet in each of the service's zones. */
async function consumerNetwork(ec2: EC2Client, zoneIds: readonly string[]) {
  const { Vpcs = [] } = await ec2.send(new DescribeVpcsCommand({ Filters: [{ Name: "is-default", Values: ["true"] }] }));
  const vpcId = Vpcs[0]?.VpcId;
  if (!vpcId) throw new Error("no default VPC");
  const { Subnets = [] } = await ec2.send(
    new DescribeSubnetsCommand({ Filters: [{ Name: "vpc-id", Values: [vpcId] }, { Name: "availability-zone-id", Values: [...zoneIds] }] }),
  );
  return { vpcId, subnetIds: Subnets.map((s) => s.SubnetId ?? "") };
}

async function createEndpoint(cloud: SandboxCloud, accountId: string, slug: string, clientToken?: string) {
  const service = await productService(cloud, slug);
  const ec2 = ec2For(cloud, accountId);
  const network = await consumerNetwork(ec2, service.AvailabilityZoneIds ?? []);
  const { VpcEndpoint } = await ec2.send(
    new CreateVpcEndpointCommand({
      VpcEndpointType: "Interface",
      ServiceName: service.ServiceName,
      VpcId: network.vpcId,
      SubnetIds: network.subnetIds,
      ClientToken: clientToken,
    }),
  );
  if (!VpcEndpoint?.VpcEndpointId) throw new Error("no endpoint");
  return { service, endpoint: VpcEndpoint, ec2 };
}

describe("sandbox cloud through the real AWS SDK", () => {
  it("shows a service and allows an endpoint only after the provider allow-lists the customer", async () => {
    const cloud = openCloud();
    const service = await productService(cloud, "analytics");
    const customer = ec2For(cloud, CUSTOMER);
    const before = await customer.send(new DescribeVpcEndpointServicesCommand({}));
    expect(before.ServiceNames ?? []).not.toContain(service.ServiceName);
    await expect(
      customer.send(new DescribeVpcEndpointServicesCommand({ ServiceNames: [service.ServiceName ?? ""] })),
    ).rejects.toMatchObject({ name: "InvalidServiceName" });

    await allow(cloud, service.ServiceId ?? "", CUSTOMER);
    await allow(cloud, service.ServiceId ?? "", CUSTOMER); // adding twice is a no-op
    const after = await customer.send(new DescribeVpcEndpointServicesCommand({ ServiceNames: [service.ServiceName ?? ""] }));
    const detail = after.ServiceDetails?.[0];
    expect(detail).toMatchObject({ ServiceId: service.ServiceId, Owner: cloud.providerAccountId, AcceptanceRequired: true });
    expect(detail?.PrivateDnsName).toBe("analytics.acme-saas.example");
    expect(detail?.PrivateDnsNameVerificationState).toBe("verified");

    const { endpoint } = await createEndpoint(cloud, CUSTOMER, "analytics");
    expect(endpoint.State).toBe("pendingAcceptance");

    await expect(createEndpoint(cloud, OTHER_CUSTOMER, "analytics")).rejects.toMatchObject({ name: "InvalidServiceName" });
  });

  it("maps zone names to zone ids differently per account and names service zones in the caller's terms", async () => {
    const cloud = openCloud();
    const zonesOf = async (accountId: string) => {
      const { AvailabilityZones = [] } = await ec2For(cloud, accountId).send(new DescribeAvailabilityZonesCommand({}));
      expect(AvailabilityZones).toHaveLength(6);
      return new Map(AvailabilityZones.map((zone) => [zone.ZoneId, zone.ZoneName]));
    };
    const a = await zonesOf(CUSTOMER);
    const b = await zonesOf(OTHER_CUSTOMER);
    expect([...a.keys()].some((zoneId) => a.get(zoneId) !== b.get(zoneId))).toBe(true);

    const service = await productService(cloud, "analytics");
    await allow(cloud, service.ServiceId ?? "", CUSTOMER);
    const { ServiceDetails = [] } = await ec2For(cloud, CUSTOMER).send(
      new DescribeVpcEndpointServicesCommand({ ServiceNames: [service.ServiceName ?? ""] }),
    );
    const expected = ["use1-az1", "use1-az2", "use1-az4"].map((zoneId) => a.get(zoneId)).sort();
    expect(ServiceDetails[0]?.AvailabilityZones).toEqual(expected);
  });

  it("gives endpoints DNS names in AWS's formats and walks accept -> available", async () => {
    const cloud = openCloud();
    const service = await productService(cloud, "analytics");
    await allow(cloud, service.ServiceId ?? "", CUSTOMER);
    const { endpoint, ec2 } = await createEndpoint(cloud, CUSTOMER, "analytics");
    const id = endpoint.VpcEndpointId ?? "";
    expect(id).toMatch(/^vpce-[0-9a-f]{17}$/);
    expect(endpoint.NetworkInterfaceIds).toHaveLength(3);
    for (const eni of endpoint.NetworkInterfaceIds ?? []) expect(eni).toMatch(/^eni-[0-9a-f]{17}$/);

    const svc = service.ServiceId ?? "";
    const names = (endpoint.DnsEntries ?? []).map((entry) => entry.DnsName ?? "");
    const regional = new RegExp(`^${id}-[a-z0-9]{8}\\.${svc}\\.us-east-1\\.vpce\\.amazonaws\\.com$`);
    const zonal = new RegExp(`^${id}-[a-z0-9]{8}-us-east-1[a-f]\\.${svc}\\.us-east-1\\.vpce\\.amazonaws\\.com$`);
    expect(names.filter((name) => regional.test(name))).toHaveLength(1);
    expect(names.filter((name) => zonal.test(name))).toHaveLength(3);
    expect(endpoint.DnsEntries?.[0]?.HostedZoneId).toBe("Z7HUB22UULQXV");
    expect(names).not.toContain("analytics.acme-saas.example");

    const provider = ec2For(cloud, cloud.providerAccountId);
    const accepted = await provider.send(new AcceptVpcEndpointConnectionsCommand({ ServiceId: svc, VpcEndpointIds: [id, "vpce-0000000000000000f"] }));
    expect(accepted.Unsuccessful).toEqual([
      expect.objectContaining({ ResourceId: "vpce-0000000000000000f", Error: expect.objectContaining({ Code: "InvalidVpcEndpointId.NotFound" }) }),
    ]);
    const again = await provider.send(new AcceptVpcEndpointConnectionsCommand({ ServiceId: svc, VpcEndpointIds: [id] }));
    expect(again.Unsuccessful?.[0]?.ResourceId).toBe(id);

    const { VpcEndpoints = [] } = await ec2.send(new DescribeVpcEndpointsCommand({ VpcEndpointIds: [id] }));
    expect(VpcEndpoints[0]?.State).toBe("available");
    expect(VpcEndpoints[0]?.DnsEntries?.map((e) => e.DnsName)).toContain("analytics.acme-saas.example");
  });

  it("moves through pending before available on the realistic profile, computed from time", async () => {
    const cloud = openCloud({ profile: "realistic", timeScale: 0.0002 });
    const service = await productService(cloud, "ledger");
    await allow(cloud, service.ServiceId ?? "", CUSTOMER);
    const { endpoint, ec2 } = await createEndpoint(cloud, CUSTOMER, "ledger");
    const id = endpoint.VpcEndpointId ?? "";
    await ec2For(cloud, cloud.providerAccountId).send(
      new AcceptVpcEndpointConnectionsCommand({ ServiceId: service.ServiceId, VpcEndpointIds: [id] }),
    );
    // 60-120 s * 0.0002 = 12-24 ms to become available; the call itself takes 4-24 ms.
    const states = new Set<string>();
    for (let i = 0; i < 30 && !states.has("available"); i += 1) {
      const { VpcEndpoints = [] } = await ec2.send(new DescribeVpcEndpointsCommand({ VpcEndpointIds: [id] }));
      states.add(VpcEndpoints[0]?.State ?? "");
    }
    expect(states.has("available")).toBe(true);
  });

  it("rejects and deletes, and the provider sees it", async () => {
    const cloud = openCloud();
    const service = await productService(cloud, "ledger");
    const svc = service.ServiceId ?? "";
    await allow(cloud, svc, CUSTOMER);
    const provider = ec2For(cloud, cloud.providerAccountId);
    const first = await createEndpoint(cloud, CUSTOMER, "ledger");
    const second = await createEndpoint(cloud, CUSTOMER, "ledger");
    const firstId = first.endpoint.VpcEndpointId ?? "";
    const secondId = second.endpoint.VpcEndpointId ?? "";

    const rejected = await provider.send(new RejectVpcEndpointConnectionsCommand({ ServiceId: svc, VpcEndpointIds: [firstId] }));
    expect(rejected.Unsuccessful ?? []).toEqual([]);
    await second.ec2.send(new DeleteVpcEndpointsCommand({ VpcEndpointIds: [secondId] }));

    const { VpcEndpointConnections = [] } = await provider.send(
      new DescribeVpcEndpointConnectionsCommand({ Filters: [{ Name: "service-id", Values: [svc] }] }),
    );
    const stateOf = (id: string) => VpcEndpointConnections.find((c) => c.VpcEndpointId === id)?.VpcEndpointState;
    expect(stateOf(firstId)).toBe("rejected");
    expect(stateOf(secondId)).toBe("deleted");
    const connection = VpcEndpointConnections.find((c) => c.VpcEndpointId === firstId);
    expect(connection).toMatchObject({ VpcEndpointOwner: CUSTOMER, ServiceId: svc, VpcEndpointRegion: REGION, IpAddressType: "ipv4" });
    expect(connection?.VpcEndpointConnectionId).toMatch(/^vpce-con-[0-9a-f]{17}$/);
    expect(connection?.NetworkLoadBalancerArns?.[0]).toMatch(/^arn:aws:elasticloadbalancing:us-east-1:210987654321:loadbalancer\/net\/acme-ledger-nlb\/[0-9a-f]{16}$/);

    const { VpcEndpoints = [] } = await first.ec2.send(new DescribeVpcEndpointsCommand({ VpcEndpointIds: [firstId] }));
    expect(VpcEndpoints[0]?.State).toBe("rejected");
  });

  it("honours ClientToken: same parameters replay, different parameters mismatch", async () => {
    const cloud = openCloud();
    const service = await productService(cloud, "ledger");
    await allow(cloud, service.ServiceId ?? "", CUSTOMER);
    const first = await createEndpoint(cloud, CUSTOMER, "ledger", "token-1");
    const replay = await createEndpoint(cloud, CUSTOMER, "ledger", "token-1");
    expect(replay.endpoint.VpcEndpointId).toBe(first.endpoint.VpcEndpointId);
    const network = await consumerNetwork(first.ec2, service.AvailabilityZoneIds ?? []);
    await expect(
      first.ec2.send(
        new CreateVpcEndpointCommand({
          VpcEndpointType: "Interface",
          ServiceName: service.ServiceName,
          VpcId: network.vpcId,
          SubnetIds: network.subnetIds.slice(0, 1),
          ClientToken: "token-1",
        }),
      ),
    ).rejects.toMatchObject({ name: "IdempotentParameterMismatch" });
    const { VpcEndpoints = [] } = await first.ec2.send(new DescribeVpcEndpointsCommand({}));
    expect(VpcEndpoints).toHaveLength(1);
  });

  it("paginates DescribeVpcEndpointConnections and filters by state", async () => {
    const cloud = openCloud();
    const service = await productService(cloud, "ledger");
    await allow(cloud, service.ServiceId ?? "", CUSTOMER);
    for (let i = 0; i < 7; i += 1) await createEndpoint(cloud, CUSTOMER, "ledger");
    const provider = ec2For(cloud, cloud.providerAccountId);
    const seen: string[] = [];
    let nextToken: string | undefined;
    let pages = 0;
    do {
      const page = await provider.send(new DescribeVpcEndpointConnectionsCommand({ MaxResults: 5, NextToken: nextToken }));
      seen.push(...(page.VpcEndpointConnections ?? []).map((c) => c.VpcEndpointId ?? ""));
      nextToken = page.NextToken;
      pages += 1;
    } while (nextToken);
    expect(pages).toBe(2);
    expect(new Set(seen).size).toBe(7);
    const pending = await provider.send(
      new DescribeVpcEndpointConnectionsCommand({ Filters: [{ Name: "vpc-endpoint-state", Values: ["pendingAcceptance"] }, { Name: "vpc-endpoint-owner", Values: [CUSTOMER] }] }),
    );
    expect(pending.VpcEndpointConnections).toHaveLength(7);
    await expect(provider.send(new DescribeVpcEndpointConnectionsCommand({ MaxResults: 2 }))).rejects.toMatchObject({
      name: "InvalidParameterValue",
    });
  });

  it("injects throttling and internal errors without mutating state", async () => {
    const cloud = openCloud();
    const ec2 = ec2For(cloud, CUSTOMER);
    const count = async () => (await ec2.send(new DescribeVpcsCommand({}))).Vpcs?.length ?? 0;
    const before = await count();
    cloud.setFaults({ throttleRate: 1, actions: ["CreateVpc"] });
    await expect(ec2.send(new CreateVpcCommand({ CidrBlock: "10.1.0.0/16" }))).rejects.toMatchObject({
      name: "RequestLimitExceeded",
      $metadata: { httpStatusCode: 503 },
    });
    cloud.setFaults({ internalErrorRate: 1 });
    await expect(ec2.send(new CreateVpcCommand({ CidrBlock: "10.1.0.0/16" }))).rejects.toMatchObject({
      name: "InternalError",
      $metadata: { httpStatusCode: 500 },
    });
    cloud.clearFaults();
    expect(await count()).toBe(before);
    const errors = cloud.calls().filter((call) => call.action === "CreateVpc").map((call) => call.errorCode);
    expect(errors).toEqual(["RequestLimitExceeded", "InternalError"]);
  });

  it("hides just-created resources for the eventual-consistency window", async () => {
    const cloud = openCloud();
    const ec2 = ec2For(cloud, CUSTOMER);
    cloud.setFaults({ notFoundAfterCreateMs: 60_000 });
    const { Vpc } = await ec2.send(new CreateVpcCommand({ CidrBlock: "10.2.0.0/16" }));
    await expect(ec2.send(new DescribeVpcsCommand({ VpcIds: [Vpc?.VpcId ?? ""] }))).rejects.toMatchObject({
      name: "InvalidVpcID.NotFound",
    });
    cloud.clearFaults();
    const { Vpcs = [] } = await ec2.send(new DescribeVpcsCommand({ VpcIds: [Vpc?.VpcId ?? ""] }));
    expect(Vpcs[0]?.CidrBlock).toBe("10.2.0.0/16");
  });

  it("persists state across close and reopen", async () => {
    const dir = mkdtempSync(join(tmpdir(), "sandbox-state-"));
    tempDirs.push(dir);
    const stateFile = join(dir, "nested", "state.json");
    const first = createSandboxCloud({ stateFile, profile: "instant", seed: 3 });
    const service = await productService(first, "analytics");
    await allow(first, service.ServiceId ?? "", CUSTOMER);
    const { Vpc } = await ec2For(first, CUSTOMER).send(new CreateVpcCommand({ CidrBlock: "10.3.0.0/16" }));
    await first.close();

    const second = openCloud({ stateFile, seed: 99 });
    const { Vpcs = [] } = await ec2For(second, CUSTOMER).send(new DescribeVpcsCommand({ VpcIds: [Vpc?.VpcId ?? ""] }));
    expect(Vpcs[0]?.CidrBlock).toBe("10.3.0.0/16");
    expect((await productService(second, "analytics")).ServiceId).toBe(service.ServiceId);
    const visible = await ec2For(second, CUSTOMER).send(new DescribeVpcEndpointServicesCommand({}));
    expect(visible.ServiceNames).toContain(service.ServiceName);
  });

  it("rejects requests signed with the wrong secret", async () => {
    const cloud = openCloud();
    const { accessKeyId } = cloud.credentialsFor(CUSTOMER);
    const bad = { accessKeyId, secretAccessKey: "not-the-secret-000000000000000000000000" };
    const ec2 = new EC2Client({ region: REGION, credentials: bad, requestHandler: cloud.requestHandler(), maxAttempts: 1 });
    await expect(ec2.send(new DescribeVpcsCommand({}))).rejects.toMatchObject({
      name: "AuthFailure",
      $metadata: { httpStatusCode: 401 },
    });
    const unknown = new EC2Client({
      region: REGION,
      credentials: { accessKeyId: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: "x" },
      requestHandler: cloud.requestHandler(),
      maxAttempts: 1,
    });
    await expect(unknown.send(new DescribeVpcsCommand({}))).rejects.toMatchObject({ name: "AuthFailure" });
    const elb = new ElasticLoadBalancingV2Client({ region: REGION, credentials: bad, requestHandler: cloud.requestHandler(), maxAttempts: 1 });
    await expect(elb.send(new DescribeLoadBalancersCommand({}))).rejects.toMatchObject({ name: "SignatureDoesNotMatch" });
  });

  it("answers ELBv2 DescribeLoadBalancers and DescribeListeners for the products' NLBs", async () => {
    const cloud = openCloud();
    const elb = new ElasticLoadBalancingV2Client({
      region: REGION,
      credentials: cloud.credentialsFor(cloud.providerAccountId),
      requestHandler: cloud.requestHandler(),
      maxAttempts: 1,
    });
    const ledger = await productService(cloud, "ledger");
    const arn = ledger.NetworkLoadBalancerArns?.[0] ?? "";
    const { LoadBalancers = [] } = await elb.send(new DescribeLoadBalancersCommand({ LoadBalancerArns: [arn] }));
    expect(LoadBalancers[0]).toMatchObject({ LoadBalancerArn: arn, Type: "network", LoadBalancerName: "acme-ledger-nlb" });
    expect(LoadBalancers[0]?.AvailabilityZones).toHaveLength(3);
    const { Listeners = [] } = await elb.send(new DescribeListenersCommand({ LoadBalancerArn: arn }));
    expect(Listeners.map((listener) => listener.Port).sort()).toEqual([443, 5432]);
    await expect(
      elb.send(new DescribeListenersCommand({ LoadBalancerArn: `${arn.slice(0, -1)}0` })),
    ).rejects.toMatchObject({ name: "LoadBalancerNotFoundException" });
  });

  it("serves the same cloud over HTTP with admin routes", async () => {
    const cloud = openCloud();
    const server = await startSandboxServer(cloud, { port: 0 });
    try {
      const credentials: unknown = await (await fetch(`${server.url}/_sandbox/accounts/${CUSTOMER}/credentials`)).json();
      expect(credentials).toEqual({ accountId: CUSTOMER, ...cloud.credentialsFor(CUSTOMER) });
      const provider = new EC2Client({
        region: "eu-west-1",
        endpoint: server.url,
        credentials: cloud.credentialsFor(cloud.providerAccountId),
        maxAttempts: 1,
      });
      const { ServiceConfigurations = [] } = await provider.send(new DescribeVpcEndpointServiceConfigurationsCommand({}));
      expect(ServiceConfigurations).toHaveLength(1);
      expect(ServiceConfigurations[0]?.AvailabilityZoneIds).toEqual(["euw1-az1", "euw1-az2", "euw1-az3"]);

      const put = await fetch(`${server.url}/_sandbox/faults`, {
        method: "PUT",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ throttleRate: 1 }),
      });
      expect(put.status).toBe(200);
      await expect(provider.send(new DescribeVpcsCommand({}))).rejects.toMatchObject({ name: "RequestLimitExceeded" });
      await fetch(`${server.url}/_sandbox/faults`, { method: "DELETE" });
      await provider.send(new DescribeVpcsCommand({}));
      const log: unknown = await (await fetch(`${server.url}/_sandbox/calls`)).json();
      expect(log).toMatchObject({ calls: expect.any(Array) });
      const calls = log !== null && typeof log === "object" && "calls" in log && Array.isArray(log.calls) ? log.calls : [];
      expect(calls.at(-1)).toMatchObject({ region: "eu-west-1", service: "ec2", action: "DescribeVpcs", status: 200 });
    } finally {
      await server.close();
    }
  });
});
