import { CreateVpcCommand } from "@aws-sdk/client-ec2";
import { describe, expect, it } from "vitest";
import { providerEc2 } from "@/lib/aws/clients";
import { grantDemoQuotas } from "./sandbox-quotas";

describe("the demo's granted quota increases", () => {
  it("let the provider build more landing VPCs in a region than AWS's default five", async () => {
    const ec2 = providerEc2("eu-west-1");
    const create = (i: number) => ec2.send(new CreateVpcCommand({ CidrBlock: `10.${200 + i}.0.0/16` }));
    const before = await Promise.allSettled(Array.from({ length: 6 }, (_, i) => create(i)));
    expect(before.some((result) => result.status === "rejected")).toBe(true);

    grantDemoQuotas(["eu-west-1"]);
    await expect(Promise.all(Array.from({ length: 6 }, (_, i) => create(10 + i)))).resolves.toHaveLength(6);
  });
});
