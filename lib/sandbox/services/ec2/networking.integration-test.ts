import {
  AuthorizeSecurityGroupIngressCommand,
  CreateSecurityGroupCommand,
  CreateSubnetCommand,
  CreateTagsCommand,
  CreateVpcCommand,
  CreateVpcEndpointCommand,
  DeleteSecurityGroupCommand,
  DeleteSubnetCommand,
  DeleteTagsCommand,
  DeleteVpcCommand,
  DescribeRegionsCommand,
  DescribeSecurityGroupsCommand,
  DescribeSubnetsCommand,
  DescribeTagsCommand,
  DescribeVpcAttributeCommand,
  DescribeVpcEndpointServiceConfigurationsCommand,
  DescribeVpcsCommand,
  EC2Client,
  ModifyVpcAttributeCommand,
  ModifyVpcEndpointCommand,
  DescribeVpcEndpointsCommand,
  ModifyVpcEndpointServicePermissionsCommand,
} from "@aws-sdk/client-ec2";
import { afterEach, describe, expect, it } from "vitest";
import { createSandboxCloud, type SandboxCloud } from "@/lib/sandbox/cloud";

const CUSTOMER = "111122223333";
let cloud: SandboxCloud;

afterEach(async () => {
  await cloud.close();
});

function client(accountId: string): EC2Client {
  return new EC2Client({
    region: "us-east-1",
    credentials: cloud.credentialsFor(accountId),
    requestHandler: cloud.requestHandler(),
    maxAttempts: 1,
  });
}

describe("consumer networking through the real SDK", () => {
  it("builds a VPC with subnets, a security group and an endpoint, and guards deletion", async () => {
    cloud = createSandboxCloud({ stateFile: null, profile: "instant", seed: 11 });
    const ec2 = client(CUSTOMER);
    await expect(ec2.send(new CreateVpcCommand({ CidrBlock: "10.0.0.0/8" }))).rejects.toMatchObject({ name: "InvalidVpc.Range" });
    await expect(ec2.send(new CreateVpcCommand({ CidrBlock: "10.0.0.1/16" }))).rejects.toMatchObject({ name: "InvalidParameterValue" });
    const { Vpc } = await ec2.send(
      new CreateVpcCommand({
        CidrBlock: "10.20.0.0/16",
        TagSpecifications: [{ ResourceType: "vpc", Tags: [{ Key: "onramp:op", Value: "op-1" }] }],
      }),
    );
    const vpcId = Vpc?.VpcId ?? "";
    expect(vpcId).toMatch(/^vpc-[0-9a-f]{17}$/);
    const byTag = await ec2.send(new DescribeVpcsCommand({ Filters: [{ Name: "tag:onramp:op", Values: ["op-1"] }] }));
    expect(byTag.Vpcs?.map((v) => v.VpcId)).toEqual([vpcId]);

    const hostnames = await ec2.send(new DescribeVpcAttributeCommand({ VpcId: vpcId, Attribute: "enableDnsHostnames" }));
    expect(hostnames.EnableDnsHostnames?.Value).toBe(false);

    const a = await ec2.send(new CreateSubnetCommand({ VpcId: vpcId, CidrBlock: "10.20.1.0/24", AvailabilityZoneId: "use1-az2" }));
    const b = await ec2.send(new CreateSubnetCommand({ VpcId: vpcId, CidrBlock: "10.20.2.0/24", AvailabilityZoneId: "use1-az4" }));
    expect(a.Subnet?.AvailabilityZoneId).toBe("use1-az2");
    await expect(
      ec2.send(new CreateSubnetCommand({ VpcId: vpcId, CidrBlock: "10.20.1.128/25", AvailabilityZoneId: "use1-az1" })),
    ).rejects.toMatchObject({ name: "InvalidSubnet.Conflict" });
    await expect(
      ec2.send(new CreateSubnetCommand({ VpcId: vpcId, CidrBlock: "10.21.0.0/24" })),
    ).rejects.toMatchObject({ name: "InvalidSubnet.Range" });
    const outside = await ec2.send(new CreateSubnetCommand({ VpcId: vpcId, CidrBlock: "10.20.3.0/24", AvailabilityZoneId: "use1-az3" }));
    const subnets = await ec2.send(new DescribeSubnetsCommand({ Filters: [{ Name: "vpc-id", Values: [vpcId] }] }));
    expect(subnets.Subnets).toHaveLength(3);

    const { GroupId } = await ec2.send(new CreateSecurityGroupCommand({ GroupName: "onramp", Description: "endpoint", VpcId: vpcId }));
    await ec2.send(
      new AuthorizeSecurityGroupIngressCommand({
        GroupId,
        IpPermissions: [{ IpProtocol: "tcp", FromPort: 443, ToPort: 443, IpRanges: [{ CidrIp: "10.20.0.0/16" }] }],
      }),
    );
    await expect(
      ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupId, IpPermissions: [{ IpProtocol: "tcp", FromPort: 443, ToPort: 443, IpRanges: [{ CidrIp: "10.20.0.0/16" }] }] })),
    ).rejects.toMatchObject({ name: "InvalidPermission.Duplicate" });
    const groups = await ec2.send(new DescribeSecurityGroupsCommand({ GroupIds: [GroupId ?? ""] }));
    expect(groups.SecurityGroups?.[0]?.IpPermissions?.[0]).toMatchObject({ FromPort: 443, IpRanges: [{ CidrIp: "10.20.0.0/16" }] });

    const provider = client(cloud.providerAccountId);
    const { ServiceConfigurations = [] } = await provider.send(new DescribeVpcEndpointServiceConfigurationsCommand({}));
    const analytics = ServiceConfigurations.find((s) => s.PrivateDnsName);
    await provider.send(
      new ModifyVpcEndpointServicePermissionsCommand({ ServiceId: analytics?.ServiceId, AddAllowedPrincipals: [`arn:aws:iam::${CUSTOMER}:root`] }),
    );
    const endpointInput = {
      VpcEndpointType: "Interface" as const,
      ServiceName: analytics?.ServiceName,
      VpcId: vpcId,
      SubnetIds: [a.Subnet?.SubnetId ?? "", b.Subnet?.SubnetId ?? ""],
      SecurityGroupIds: [GroupId ?? ""],
    };
    await expect(ec2.send(new CreateVpcEndpointCommand(endpointInput))).rejects.toMatchObject({
      name: "InvalidParameter",
      message: expect.stringContaining("enableDnsHostnames"),
    });
    await ec2.send(new ModifyVpcAttributeCommand({ VpcId: vpcId, EnableDnsHostnames: { Value: true } }));
    await expect(
      ec2.send(new CreateVpcEndpointCommand({ ...endpointInput, SubnetIds: [outside.Subnet?.SubnetId ?? ""] })),
    ).rejects.toMatchObject({ name: "InvalidParameter", message: expect.stringContaining("availability zone") });
    const { VpcEndpoint } = await ec2.send(
      new CreateVpcEndpointCommand({ ...endpointInput, TagSpecifications: [{ ResourceType: "vpc-endpoint", Tags: [{ Key: "onramp:op", Value: "op-2" }] }] }),
    );
    expect(VpcEndpoint?.PrivateDnsEnabled).toBe(true);
    expect(VpcEndpoint?.Groups?.[0]?.GroupId).toBe(GroupId);

    const c = await ec2.send(new CreateSubnetCommand({ VpcId: vpcId, CidrBlock: "10.20.4.0/24", AvailabilityZoneId: "use1-az1" }));
    await ec2.send(new ModifyVpcEndpointCommand({ VpcEndpointId: VpcEndpoint?.VpcEndpointId, AddSubnetIds: [c.Subnet?.SubnetId ?? ""] }));
    await expect(
      ec2.send(new ModifyVpcEndpointCommand({ VpcEndpointId: VpcEndpoint?.VpcEndpointId, AddSubnetIds: [outside.Subnet?.SubnetId ?? ""] })),
    ).rejects.toMatchObject({ name: "InvalidParameter" });
    const modified = await ec2.send(new DescribeVpcEndpointsCommand({ Filters: [{ Name: "tag:onramp:op", Values: ["op-2"] }] }));
    expect(modified.VpcEndpoints?.[0]?.SubnetIds).toHaveLength(3);
    expect(modified.VpcEndpoints?.[0]?.NetworkInterfaceIds).toHaveLength(3);

    await expect(ec2.send(new DeleteSubnetCommand({ SubnetId: a.Subnet?.SubnetId }))).rejects.toMatchObject({ name: "DependencyViolation" });
    await expect(ec2.send(new DeleteSecurityGroupCommand({ GroupId }))).rejects.toMatchObject({ name: "DependencyViolation" });
    await expect(ec2.send(new DeleteVpcCommand({ VpcId: vpcId }))).rejects.toMatchObject({ name: "DependencyViolation" });
    await expect(ec2.send(new DescribeVpcsCommand({ VpcIds: ["vpc-00000000000000000"] }))).rejects.toMatchObject({ name: "InvalidVpcID.NotFound" });

    await ec2.send(new CreateTagsCommand({ Resources: [vpcId, GroupId ?? ""], Tags: [{ Key: "team", Value: "net" }] }));
    const tags = await ec2.send(new DescribeTagsCommand({ Filters: [{ Name: "key", Values: ["team"] }] }));
    expect(tags.Tags?.map((t) => t.ResourceType).sort()).toEqual(["security-group", "vpc"]);
    await ec2.send(new DeleteTagsCommand({ Resources: [vpcId], Tags: [{ Key: "team", Value: "other" }] }));
    await ec2.send(new DeleteTagsCommand({ Resources: [GroupId ?? ""], Tags: [{ Key: "team" }] }));
    const left = await ec2.send(new DescribeTagsCommand({ Filters: [{ Name: "key", Values: ["team"] }] }));
    expect(left.Tags?.map((t) => t.ResourceId)).toEqual([vpcId]);

    const regions = await ec2.send(new DescribeRegionsCommand({}));
    expect(regions.Regions?.map((r) => r.RegionName)).toContain("ap-southeast-2");
  });
});
