import {
  CreateResolverEndpointCommand,
  DeleteResolverEndpointCommand,
  GetResolverEndpointCommand,
  ListResolverEndpointIpAddressesCommand,
  ListResolverEndpointsCommand,
  ListTagsForResourceCommand,
  Route53ResolverClient,
  TagResourceCommand,
} from "@aws-sdk/client-route53resolver";
import { CreateSecurityGroupCommand, CreateSubnetCommand, CreateVpcCommand, DeleteSubnetCommand, EC2Client } from "@aws-sdk/client-ec2";
import { SignatureV4 } from "@smithy/signature-v4";
import { HttpRequest } from "@smithy/protocol-http";
import { afterEach, describe, expect, it } from "vitest";
import { NodeSha256 } from "@/lib/sandbox/accounts/sigv4-verify";
import { createSandboxCloud, type SandboxCloud } from "@/lib/sandbox/cloud";
import { startSandboxServer, type SandboxServer } from "@/lib/sandbox/http-server";
import { contains, parseCidr } from "@/lib/sandbox/services/ec2/cidr";

const CUSTOMER = "111122223333";
const opened: SandboxCloud[] = [];
const servers: SandboxServer[] = [];

afterEach(async () => {
  for (const server of servers.splice(0)) await server.close();
  for (const cloud of opened.splice(0)) await cloud.close();
});

function openCloud(timeScale?: number): SandboxCloud {
  const cloud = createSandboxCloud(
    timeScale ? { stateFile: null, profile: "realistic", timeScale, seed: 9 } : { stateFile: null, profile: "instant", seed: 9 },
  );
  opened.push(cloud);
  return cloud;
}

function clients(cloud: SandboxCloud, endpoint?: string) {
  const base = { region: "us-east-1", credentials: cloud.credentialsFor(CUSTOMER), maxAttempts: 1 };
  const transport = endpoint ? { endpoint } : { requestHandler: cloud.requestHandler() };
  return { ec2: new EC2Client({ ...base, ...transport }), resolver: new Route53ResolverClient({ ...base, ...transport }) };
}

async function landing(ec2: EC2Client) {
  const { Vpc } = await ec2.send(new CreateVpcCommand({ CidrBlock: "10.70.0.0/16" }));
  const vpcId = Vpc?.VpcId ?? "";
  const subnets = [];
  for (const [index, zoneId] of ["use1-az1", "use1-az2"].entries()) {
    const { Subnet } = await ec2.send(new CreateSubnetCommand({ VpcId: vpcId, CidrBlock: `10.70.${index}.0/24`, AvailabilityZoneId: zoneId }));
    subnets.push({ id: Subnet?.SubnetId ?? "", cidr: Subnet?.CidrBlock ?? "" });
  }
  const { GroupId = "" } = await ec2.send(new CreateSecurityGroupCommand({ VpcId: vpcId, GroupName: "dns", Description: "dns" }));
  return { vpcId, subnets, groupId: GroupId };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("Route 53 Resolver over JSON 1.1 through the real SDK", () => {
  it("creates an inbound endpoint idempotently, with IPs inside their subnets, CREATING -> OPERATIONAL -> DELETING -> gone", async () => {
    // A second or so of CREATING: long enough to be seen on a loaded machine, short enough to wait for.
    const cloud = openCloud(0.01);
    const { ec2, resolver } = clients(cloud);
    const { vpcId, subnets, groupId } = await landing(ec2);
    const input = {
      CreatorRequestId: "op-42:resolver",
      Name: "landing-inbound",
      Direction: "INBOUND" as const,
      SecurityGroupIds: [groupId],
      IpAddresses: [{ SubnetId: subnets[0]?.id, Ip: "10.70.0.53" }, { SubnetId: subnets[1]?.id }],
      Tags: [{ Key: "onramp:op", Value: "op-42" }],
    };
    const { ResolverEndpoint } = await resolver.send(new CreateResolverEndpointCommand(input));
    const id = ResolverEndpoint?.Id ?? "";
    expect(id).toMatch(/^rslvr-in-[0-9a-f]{17}$/);
    expect(ResolverEndpoint).toMatchObject({ Status: "CREATING", HostVPCId: vpcId, IpAddressCount: 2, Direction: "INBOUND" });
    const again = await resolver.send(new CreateResolverEndpointCommand(input));
    expect(again.ResolverEndpoint?.Id).toBe(id);
    await expect(resolver.send(new CreateResolverEndpointCommand({ ...input, Name: "other" }))).rejects.toMatchObject({
      name: "ResourceExistsException",
    });
    expect(cloud.calls().filter((c) => c.action === "CreateResolverEndpoint" && c.status === 200).map((c) => c.resourceId)).toEqual([id, id]);

    const { IpAddresses = [] } = await resolver.send(new ListResolverEndpointIpAddressesCommand({ ResolverEndpointId: id }));
    expect(IpAddresses.map((a) => [a.SubnetId, a.Status])).toEqual(subnets.map((s) => [s.id, "CREATING"]));
    expect(IpAddresses[0]?.Ip).toBe("10.70.0.53");
    for (const [index, address] of IpAddresses.entries()) {
      const subnetCidr = parseCidr(subnets[index]?.cidr ?? "");
      const ip = parseCidr(`${address.Ip ?? ""}/32`);
      expect(subnetCidr && ip && contains(subnetCidr, ip)).toBe(true);
    }
    await expect(ec2.send(new DeleteSubnetCommand({ SubnetId: subnets[0]?.id }))).rejects.toMatchObject({ name: "DependencyViolation" });

    let status = "";
    for (let i = 0; i < 500 && status !== "OPERATIONAL"; i += 1) {
      await sleep(20);
      status = (await resolver.send(new GetResolverEndpointCommand({ ResolverEndpointId: id }))).ResolverEndpoint?.Status ?? "";
    }
    expect(status).toBe("OPERATIONAL");
    const listed = await resolver.send(new ListResolverEndpointsCommand({ Filters: [{ Name: "HostVPCId", Values: [vpcId] }] }));
    expect(listed.ResolverEndpoints?.map((e) => e.Id)).toEqual([id]);
    const arn = ResolverEndpoint?.Arn ?? "";
    await resolver.send(new TagResourceCommand({ ResourceArn: arn, Tags: [{ Key: "team", Value: "net" }] }));
    const { Tags = [] } = await resolver.send(new ListTagsForResourceCommand({ ResourceArn: arn }));
    expect(Object.fromEntries(Tags.map((t) => [t.Key, t.Value]))).toEqual({ "onramp:op": "op-42", team: "net" });

    const deleting = await resolver.send(new DeleteResolverEndpointCommand({ ResolverEndpointId: id }));
    expect(deleting.ResolverEndpoint?.Status).toBe("DELETING");
    let gone = false;
    for (let i = 0; i < 500 && !gone; i += 1) {
      await sleep(20);
      gone = await resolver.send(new GetResolverEndpointCommand({ ResolverEndpointId: id })).then(
        () => false,
        (error: unknown) => error instanceof Error && error.name === "ResourceNotFoundException",
      );
    }
    expect(gone).toBe(true);
  });

  it("refuses bad endpoints with clear errors", async () => {
    const cloud = openCloud();
    const { ec2, resolver } = clients(cloud);
    const { subnets, groupId } = await landing(ec2);
    const base = { CreatorRequestId: "x", Direction: "INBOUND" as const, SecurityGroupIds: [groupId] };
    await expect(resolver.send(new CreateResolverEndpointCommand({ ...base, IpAddresses: [{ SubnetId: subnets[0]?.id }] }))).rejects.toMatchObject({
      name: "InvalidRequestException",
    });
    await expect(
      resolver.send(new CreateResolverEndpointCommand({ ...base, IpAddresses: [{ SubnetId: subnets[0]?.id }, { SubnetId: subnets[0]?.id }] })),
    ).rejects.toMatchObject({ name: "InvalidRequestException" });
    await expect(
      resolver.send(
        new CreateResolverEndpointCommand({ ...base, IpAddresses: [{ SubnetId: subnets[0]?.id, Ip: "10.70.1.9" }, { SubnetId: subnets[1]?.id }] }),
      ),
    ).rejects.toMatchObject({ name: "InvalidParameterException" });
    await expect(
      resolver.send(new CreateResolverEndpointCommand({ ...base, IpAddresses: [{ SubnetId: "subnet-0000000000000000a" }, { SubnetId: subnets[1]?.id }] })),
    ).rejects.toMatchObject({ name: "InvalidParameterException" });
    await expect(resolver.send(new GetResolverEndpointCommand({ ResolverEndpointId: "rslvr-in-00000000000000000" }))).rejects.toMatchObject({
      name: "ResourceNotFoundException",
    });
  });

  it("speaks JSON 1.1 over HTTP: errors as {__type, message} with HTTP 400", async () => {
    const cloud = openCloud();
    const server = await startSandboxServer(cloud, { port: 0 });
    servers.push(server);
    const { resolver } = clients(cloud, server.url);
    await expect(resolver.send(new ListResolverEndpointsCommand({}))).resolves.toMatchObject({ ResolverEndpoints: [] });

    const url = new URL(server.url);
    const body = JSON.stringify({ ResolverEndpointId: "rslvr-in-00000000000000000" });
    const request = new HttpRequest({
      method: "POST",
      protocol: "http:",
      hostname: url.hostname,
      port: Number(url.port),
      path: "/",
      headers: {
        host: url.host,
        "content-type": "application/x-amz-json-1.1",
        "x-amz-target": "Route53Resolver.GetResolverEndpoint",
      },
      body,
    });
    const signed = await new SignatureV4({ credentials: cloud.credentialsFor(CUSTOMER), region: "us-east-1", service: "route53resolver", sha256: NodeSha256 }).sign(request);
    const response = await fetch(`${server.url}/`, { method: "POST", headers: signed.headers, body });
    expect(response.status).toBe(400);
    expect(response.headers.get("content-type")).toBe("application/x-amz-json-1.1");
    expect(await response.json()).toEqual({
      __type: "ResourceNotFoundException",
      message: "Resolver endpoint with ID 'rslvr-in-00000000000000000' does not exist.",
    });
  });
});
