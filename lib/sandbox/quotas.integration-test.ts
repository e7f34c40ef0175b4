import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CreateSecurityGroupCommand, CreateSubnetCommand, CreateVpcCommand, EC2Client } from "@aws-sdk/client-ec2";
import { CreateResolverEndpointCommand, Route53ResolverClient } from "@aws-sdk/client-route53resolver";
import { afterEach, describe, expect, it } from "vitest";
import { createSandboxCloud, type SandboxCloud, type SandboxOptions } from "@/lib/sandbox/cloud";
import { startSandboxServer, type SandboxServer } from "@/lib/sandbox/http-server";

/** Per-account quotas: AWS's defaults unless raised, as a granted Service Quotas increase does. */
const PROVIDER = "210987654321";
const OTHER = "111122223333";
const opened: SandboxCloud[] = [];
const servers: SandboxServer[] = [];
const tempDirs: string[] = [];

afterEach(async () => {
  for (const server of servers.splice(0)) await server.close();
  for (const cloud of opened.splice(0)) await cloud.close();
  for (const dir of tempDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function openCloud(options: Partial<SandboxOptions> = {}): SandboxCloud {
  const cloud = createSandboxCloud({ stateFile: null, profile: "instant", seed: 5, ...options });
  opened.push(cloud);
  return cloud;
}

function clients(cloud: SandboxCloud, accountId: string, region = "us-east-1") {
  const config = { region, credentials: cloud.credentialsFor(accountId), requestHandler: cloud.requestHandler(), maxAttempts: 1 };
  return { ec2: new EC2Client(config), resolver: new Route53ResolverClient(config) };
}

/** Creates VPCs until AWS refuses one; returns how many were made (the default VPC is not among them). */
async function vpcsUntilRefused(ec2: EC2Client, max: number): Promise<{ made: number; refusal: unknown }> {
  for (let i = 0; i < max; i += 1) {
    const refusal = await ec2.send(new CreateVpcCommand({ CidrBlock: `10.${100 + i}.0.0/16` })).then(
      () => null,
      (error: unknown) => error,
    );
    if (refusal) return { made: i, refusal };
  }
  return { made: max, refusal: null };
}

describe("sandbox quotas", () => {
  it("holds an account to AWS's five VPCs per region until the quota is raised, for that account and region only", async () => {
    const cloud = openCloud();
    const provider = clients(cloud, PROVIDER).ec2;
    const first = await vpcsUntilRefused(provider, 10);
    // Five VPCs, the default one among them.
    expect(first.made).toBe(4);
    expect(first.refusal).toMatchObject({ name: "VpcLimitExceeded" });

    cloud.setQuota(PROVIDER, "us-east-1", "vpcs", 8);
    expect((await vpcsUntilRefused(provider, 10)).made).toBe(3);
    // Another account, and the same account in another region, keep the default.
    expect((await vpcsUntilRefused(clients(cloud, OTHER).ec2, 10)).made).toBe(4);
    expect((await vpcsUntilRefused(clients(cloud, PROVIDER, "eu-west-1").ec2, 10)).made).toBe(4);
  });

  it("raises the resolver endpoint quota", async () => {
    const cloud = openCloud();
    const { ec2, resolver } = clients(cloud, PROVIDER);
    cloud.setQuota(PROVIDER, "us-east-1", "vpcs", 10);
    const { Vpc } = await ec2.send(new CreateVpcCommand({ CidrBlock: "10.70.0.0/16" }));
    const VpcId = Vpc?.VpcId ?? "";
    const subnetIds: string[] = [];
    for (const [index, zoneId] of ["use1-az1", "use1-az2"].entries()) {
      const { Subnet } = await ec2.send(new CreateSubnetCommand({ VpcId, CidrBlock: `10.70.${index}.0/24`, AvailabilityZoneId: zoneId }));
      subnetIds.push(Subnet?.SubnetId ?? "");
    }
    const { GroupId = "" } = await ec2.send(new CreateSecurityGroupCommand({ VpcId, GroupName: "dns", Description: "dns" }));
    const create = (n: number) =>
      resolver.send(
        new CreateResolverEndpointCommand({
          CreatorRequestId: `quota-${n}`,
          Direction: "INBOUND",
          SecurityGroupIds: [GroupId],
          IpAddresses: subnetIds.map((SubnetId) => ({ SubnetId })),
        }),
      );
    for (let n = 0; n < 4; n += 1) await create(n);
    await expect(create(4)).rejects.toMatchObject({ name: "LimitExceededException" });
    cloud.setQuota(PROVIDER, "us-east-1", "resolverEndpoints", 5);
    await expect(create(4)).resolves.toBeDefined();
    await expect(create(5)).rejects.toMatchObject({ name: "LimitExceededException", message: expect.stringContaining("(5)") });
  });

  it("refuses unknown quotas, regions, accounts and values", () => {
    const cloud = openCloud();
    expect(() => cloud.setQuota(PROVIDER, "us-east-1", "vpcs", -1)).toThrow(/whole number/);
    expect(() => cloud.setQuota(PROVIDER, "us-east-1", "vpcs", 2.5)).toThrow(/whole number/);
    expect(() => cloud.setQuota(PROVIDER, "mars-north-1", "vpcs", 10)).toThrow(/region/);
    expect(() => cloud.setQuota("12", "us-east-1", "vpcs", 10)).toThrow(/12 digits/);
    expect(() => Reflect.apply(cloud.setQuota, cloud, [PROVIDER, "us-east-1", "elasticIps", 10])).toThrow(/no adjustable quota/);
  });

  it("keeps raised quotas across a restart and takes them over the admin HTTP endpoint", async () => {
    const dir = mkdtempSync(join(tmpdir(), "onramp-quotas-"));
    tempDirs.push(dir);
    const stateFile = join(dir, "state.json");
    const cloud = openCloud({ stateFile });
    const server = await startSandboxServer(cloud, { port: 0 });
    servers.push(server);
    const put = (path: string, body: unknown) => fetch(`${server.url}${path}`, { method: "PUT", body: JSON.stringify(body) });

    expect((await put(`/_sandbox/accounts/${PROVIDER}/quotas/us-east-1`, { vpcs: 7 })).status).toBe(200);
    expect((await put(`/_sandbox/accounts/${PROVIDER}/quotas/us-east-1`, { elasticIps: 7 })).status).toBe(400);
    expect((await put(`/_sandbox/accounts/${PROVIDER}/quotas/us-east-1`, { vpcs: "many" })).status).toBe(400);
    expect((await put(`/_sandbox/accounts/${PROVIDER}/quotas/mars-north-1`, { vpcs: 7 })).status).toBe(400);
    await server.close();
    servers.splice(servers.indexOf(server), 1);
    await cloud.close();
    opened.splice(opened.indexOf(cloud), 1);

    const reopened = openCloud({ stateFile });
    expect((await vpcsUntilRefused(clients(reopened, PROVIDER).ec2, 10)).made).toBe(6);
  });
});
