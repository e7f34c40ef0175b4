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

/** A mutating call that changes nothing: ModifyVpcAttribute on the account's default VPC. */
async function modifier(client: EC2Client): Promise<() => Promise<unknown>> {
  const { Vpcs = [] } = await client.send(new DescribeVpcsCommand({}));
  const VpcId = Vpcs[0]?.VpcId ?? "";
  return () => client.send(new ModifyVpcAttributeCommand({ VpcId, EnableDnsSupport: { Value: true } }));
}

/** Sends `count` calls at once; returns how many were refused. */
async function rejectedOf(count: number, call: () => Promise<unknown>): Promise<number> {
  const results = await Promise.allSettled(Array.from({ length: count }, call));
  return results.filter((r) => r.status === "rejected").length;
}

describe("request token buckets through the real SDK", () => {
  it("lets EC2's mutating burst through and throttles before touching state", async () => {
    // Refill slowed a thousandfold, so the test's own pace (this machine may be busy) cannot refill the bucket.
    cloud = createSandboxCloud({ stateFile: null, profile: "instant", seed: 1, enforceRequestLimits: { timeScale: 1000 } });
    const client = ec2(CUSTOMER);
    const modify = await modifier(client);
    for (let i = 0; i < 50; i += 1) await modify();
    const throttled = await client.send(new CreateVpcCommand({ CidrBlock: "10.1.0.0/16" })).then(
      () => null,
      (error: unknown) => error,
    );
    expect(throttled).toMatchObject({ name: "RequestLimitExceeded", $metadata: { httpStatusCode: 503 } });
    const after = await client.send(new DescribeVpcsCommand({}));
    expect(after.Vpcs).toHaveLength(1);
    // Reads have a bucket of their own, and other accounts have buckets of their own.
    await expect(ec2(OTHER).send(new CreateVpcCommand({ CidrBlock: "10.1.0.0/16" }))).resolves.toBeDefined();
    const log = cloud.calls().filter((call) => call.accountId === CUSTOMER && call.action === "CreateVpc");
    expect(log.map((call) => call.errorCode ?? "ok")).toEqual(["RequestLimitExceeded"]);
  });

  it("refills in real time", async () => {
    cloud = createSandboxCloud({ stateFile: null, profile: "instant", seed: 1, enforceRequestLimits: true });
    const client = ec2(CUSTOMER);
    const modify = await modifier(client);
    expect(await rejectedOf(70, modify)).toBeGreaterThanOrEqual(1);
    await sleep(250);
    await expect(client.send(new CreateVpcCommand({ CidrBlock: "10.1.0.0/16" }))).resolves.toBeDefined();
  });

  it("throttles Route 53 Resolver beyond 5 requests per second with ThrottlingException", async () => {
    cloud = createSandboxCloud({ stateFile: null, profile: "instant", seed: 1, enforceRequestLimits: { timeScale: 1000 } });
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
  });

  it("refills on a time-scaled clock when asked to, and can be switched on and off at run time", async () => {
    cloud = createSandboxCloud({ stateFile: null, profile: "instant", seed: 1 });
    const modify = await modifier(ec2(CUSTOMER));
    const throttledOf = (count: number) => rejectedOf(count, modify);
    // At a tenth of AWS's time the mutating bucket refills 50 tokens a second instead of 5: after
    // half a second, 20 calls go through where real time would have refilled 2 or 3 tokens.
    cloud.setRequestLimits({ timeScale: 0.1 });
    let refused = 0;
    for (let batch = 0; batch < 5 && refused === 0; batch += 1) refused = await throttledOf(80);
    expect(refused).toBeGreaterThan(0);
    await sleep(500);
    expect(await throttledOf(20)).toBe(0);
    cloud.setRequestLimits(null);
    expect(await throttledOf(120)).toBe(0);
  });

  it("logs the SDK's attempt number, so its own retries show", async () => {
    cloud = createSandboxCloud({ stateFile: null, profile: "instant", seed: 1 });
    cloud.setFaults({ throttleRate: 1, actions: ["DescribeVpcs"] });
    const retrying = new EC2Client({ region: "us-east-1", credentials: cloud.credentialsFor(CUSTOMER), requestHandler: cloud.requestHandler(), maxAttempts: 2 });
    await expect(retrying.send(new DescribeVpcsCommand({}))).rejects.toMatchObject({ name: "RequestLimitExceeded" });
    expect(cloud.calls().map((call) => [call.action, call.attempt])).toEqual([
      ["DescribeVpcs", 1],
      ["DescribeVpcs", 2],
    ]);
  });

  it("does not throttle unless asked to", async () => {
    cloud = createSandboxCloud({ stateFile: null, profile: "instant", seed: 1 });
    const client = ec2(CUSTOMER);
    for (let i = 0; i < 120; i += 1) await client.send(new DescribeVpcsCommand({}));
    expect(cloud.calls().every((call) => call.status === 200)).toBe(true);
  });
});
