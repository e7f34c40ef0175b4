import { CreateVpcCommand, DescribeVpcsCommand, EC2Client, ModifyVpcAttributeCommand } from "@aws-sdk/client-ec2";
import { ListResolverEndpointsCommand, Route53ResolverClient } from "@aws-sdk/client-route53resolver";
import { afterEach, describe, expect, it } from "vitest";
import { createSandboxCloud, type SandboxCloud } from "@/lib/sandbox/cloud";

const CUSTOMER = "111122223333";
const OTHER = "444455556666";
let cloud: SandboxCloud;

afterEach(async () => {
  await cloud.close();
});

function ec2(accountId: string): EC2Client {
  return new EC2Client({ region: "us-east-1", credentials: cloud.credentialsFor(accountId), requestHandler: cloud.requestHandler(), maxAttempts: 1 });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("request token buckets through the real SDK", () => {
  it("lets EC2's mutating burst through, throttles before touching state, and refills in real time", async () => {
    cloud = createSandboxCloud({ stateFile: null, profile: "instant", seed: 1, enforceRequestLimits: true });
    const client = ec2(CUSTOMER);
    const { Vpcs = [] } = await client.send(new DescribeVpcsCommand({}));
    const vpcId = Vpcs[0]?.VpcId ?? "";
    for (let i = 0; i < 50; i += 1) {
      await client.send(new ModifyVpcAttributeCommand({ VpcId: vpcId, EnableDnsSupport: { Value: true } }));
    }
    const throttled = await client.send(new CreateVpcCommand({ CidrBlock: "10.1.0.0/16" })).then(
      () => null,
      (error: unknown) => error,
    );
    expect(throttled).toMatchObject({ name: "RequestLimitExceeded", $metadata: { httpStatusCode: 503 } });
    const after = await client.send(new DescribeVpcsCommand({}));
    expect(after.Vpcs).toHaveLength(1);
    // Reads have a bucket of their own, and other accounts have buckets of their own.
    await expect(ec2(OTHER).send(new CreateVpcCommand({ CidrBlock: "10.1.0.0/16" }))).resolves.toBeDefined();
    await sleep(250);
    await expect(client.send(new CreateVpcCommand({ CidrBlock: "10.1.0.0/16" }))).resolves.toBeDefined();
    const log = cloud.calls().filter((call) => call.accountId === CUSTOMER && call.action === "CreateVpc");
    expect(log.map((call) => call.errorCode ?? "ok")).toEqual(["RequestLimitExceeded", "ok"]);
  });

  it("throttles Route 53 Resolver beyond 5 requests per second with ThrottlingException", async () => {
    cloud = createSandboxCloud({ stateFile: null, profile: "instant", seed: 1, enforceRequestLimits: true });
    const resolver = new Route53ResolverClient({
      region: "us-east-1",
      credentials: cloud.credentialsFor(CUSTOMER),
      requestHandler: cloud.requestHandler(),
      maxAttempts: 1,
    });
    for (let i = 0; i < 5; i += 1) await resolver.send(new ListResolverEndpointsCommand({}));
    await expect(resolver.send(new ListResolverEndpointsCommand({}))).rejects.toMatchObject({
      name: "ThrottlingException",
      $metadata: { httpStatusCode: 400 },
    });
    await sleep(250);
    await expect(resolver.send(new ListResolverEndpointsCommand({}))).resolves.toBeDefined();
  });

  it("does not throttle unless asked to", async () => {
    cloud = createSandboxCloud({ stateFile: null, profile: "instant", seed: 1 });
    const client = ec2(CUSTOMER);
    for (let i = 0; i < 120; i += 1) await client.send(new DescribeVpcsCommand({}));
    expect(cloud.calls().every((call) => call.status === 200)).toBe(true);
  });
});
