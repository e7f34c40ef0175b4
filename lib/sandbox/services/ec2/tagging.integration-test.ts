import {
  CreateCustomerGatewayCommand,
  CreateSubnetCommand,
  CreateTagsCommand,
  CreateTransitGatewayCommand,
  CreateTransitGatewayRouteTableCommand,
  CreateTransitGatewayVpcAttachmentCommand,
  CreateVpcCommand,
  CreateVpnConnectionCommand,
  CreateVpnGatewayCommand,
  DeleteTagsCommand,
  DescribeRouteTablesCommand,
  DescribeTagsCommand,
  DescribeTransitGatewayAttachmentsCommand,
  DescribeTransitGatewayRouteTablesCommand,
  DescribeTransitGatewaysCommand,
  EC2Client,
} from "@aws-sdk/client-ec2";
import { afterEach, describe, expect, it } from "vitest";
import { createSandboxCloud, type SandboxCloud } from "@/lib/sandbox/cloud";

/**
 * Tagging of the Site-to-Site resources: at creation (TagSpecifications, which two transit gateway
 * actions spell in the plural on the wire) and afterwards with CreateTags, as AWS allows for each.
 */
const ACCOUNT = "111122223333";
let cloud: SandboxCloud;

afterEach(async () => {
  await cloud.close();
});

function ec2(): EC2Client {
  return new EC2Client({ region: "us-east-1", credentials: cloud.credentialsFor(ACCOUNT), requestHandler: cloud.requestHandler(), maxAttempts: 1 });
}

const spec = (ResourceType: "transit-gateway" | "transit-gateway-route-table" | "transit-gateway-attachment", value: string) => [
  { ResourceType, Tags: [{ Key: "onramp:step", Value: value }] },
];
const byTag = (value: string) => [{ Name: "tag:onramp:step", Values: [value] }];

async function transitGatewayWithAttachment(client: EC2Client) {
  const { TransitGateway } = await client.send(new CreateTransitGatewayCommand({ TagSpecifications: spec("transit-gateway", "gateway") }));
  const transitGatewayId = TransitGateway?.TransitGatewayId ?? "";
  const { Vpc } = await client.send(new CreateVpcCommand({ CidrBlock: "10.80.0.0/16" }));
  const { Subnet } = await client.send(new CreateSubnetCommand({ VpcId: Vpc?.VpcId, CidrBlock: "10.80.0.0/24", AvailabilityZoneId: "use1-az1" }));
  const table = await client.send(
    new CreateTransitGatewayRouteTableCommand({ TransitGatewayId: transitGatewayId, TagSpecifications: spec("transit-gateway-route-table", "table") }),
  );
  const attachment = await client.send(
    new CreateTransitGatewayVpcAttachmentCommand({
      TransitGatewayId: transitGatewayId,
      VpcId: Vpc?.VpcId,
      SubnetIds: [Subnet?.SubnetId ?? ""],
      TagSpecifications: spec("transit-gateway-attachment", "attachment"),
    }),
  );
  return {
    transitGatewayId,
    vpcId: Vpc?.VpcId ?? "",
    table: table.TransitGatewayRouteTable,
    attachment: attachment.TransitGatewayVpcAttachment,
  };
}

describe("EC2 tagging of VPN and transit gateway resources", () => {
  it("keeps the TagSpecifications of transit gateway route tables and VPC attachments, so they are found by tag", async () => {
    cloud = createSandboxCloud({ stateFile: null, profile: "instant", seed: 11 });
    const client = ec2();
    const { table, attachment } = await transitGatewayWithAttachment(client);
    expect(table?.Tags).toEqual([{ Key: "onramp:step", Value: "table" }]);
    expect(attachment?.Tags).toEqual([{ Key: "onramp:step", Value: "attachment" }]);

    const tables = await client.send(new DescribeTransitGatewayRouteTablesCommand({ Filters: byTag("table") }));
    expect(tables.TransitGatewayRouteTables?.map((t) => t.TransitGatewayRouteTableId)).toEqual([table?.TransitGatewayRouteTableId]);
    const attachments = await client.send(new DescribeTransitGatewayAttachmentsCommand({ Filters: byTag("attachment") }));
    expect(attachments.TransitGatewayAttachments?.map((a) => a.TransitGatewayAttachmentId)).toEqual([attachment?.TransitGatewayAttachmentId]);
  });

  it("tags and untags transit gateways, their tables and attachments, gateways, VPN connections and route tables with CreateTags", async () => {
    cloud = createSandboxCloud({ stateFile: null, profile: "instant", seed: 12 });
    const client = ec2();
    const { transitGatewayId, vpcId, table, attachment } = await transitGatewayWithAttachment(client);
    const { CustomerGateway } = await client.send(new CreateCustomerGatewayCommand({ Type: "ipsec.1", IpAddress: "198.51.100.7", BgpAsn: 65010 }));
    const { VpnGateway } = await client.send(new CreateVpnGatewayCommand({ Type: "ipsec.1" }));
    const { VpnConnection } = await client.send(
      new CreateVpnConnectionCommand({ Type: "ipsec.1", CustomerGatewayId: CustomerGateway?.CustomerGatewayId, VpnGatewayId: VpnGateway?.VpnGatewayId }),
    );
    const { RouteTables = [] } = await client.send(new DescribeRouteTablesCommand({ Filters: [{ Name: "vpc-id", Values: [vpcId] }] }));
    const ids = [
      transitGatewayId,
      table?.TransitGatewayRouteTableId ?? "",
      attachment?.TransitGatewayAttachmentId ?? "",
      CustomerGateway?.CustomerGatewayId ?? "",
      VpnGateway?.VpnGatewayId ?? "",
      VpnConnection?.VpnConnectionId ?? "",
      RouteTables[0]?.RouteTableId ?? "",
    ];
    await client.send(new CreateTagsCommand({ Resources: ids, Tags: [{ Key: "onramp:tenant", Value: "t-1" }] }));

    const tagged = await client.send(new DescribeTagsCommand({ Filters: [{ Name: "key", Values: ["onramp:tenant"] }] }));
    expect(new Map(tagged.Tags?.map((tag) => [tag.ResourceId, tag.ResourceType]))).toEqual(
      new Map([
        [ids[0], "transit-gateway"],
        [ids[1], "transit-gateway-route-table"],
        [ids[2], "transit-gateway-attachment"],
        [ids[3], "customer-gateway"],
        [ids[4], "vpn-gateway"],
        [ids[5], "vpn-connection"],
        [ids[6], "route-table"],
      ]),
    );
    const gateways = await client.send(new DescribeTransitGatewaysCommand({ Filters: [{ Name: "tag:onramp:tenant", Values: ["t-1"] }] }));
    expect(gateways.TransitGateways?.[0]?.Tags).toEqual(
      expect.arrayContaining([
        { Key: "onramp:step", Value: "gateway" },
        { Key: "onramp:tenant", Value: "t-1" },
      ]),
    );

    await client.send(new DeleteTagsCommand({ Resources: [transitGatewayId], Tags: [{ Key: "onramp:tenant" }] }));
    const after = await client.send(new DescribeTransitGatewaysCommand({ Filters: [{ Name: "tag:onramp:tenant", Values: ["t-1"] }] }));
    expect(after.TransitGateways).toEqual([]);
  });

  it("answers an unknown transit gateway id in CreateTags with its own NotFound code", async () => {
    cloud = createSandboxCloud({ stateFile: null, profile: "instant", seed: 13 });
    const tags = { Tags: [{ Key: "a", Value: "b" }] };
    await expect(ec2().send(new CreateTagsCommand({ Resources: ["tgw-0123456789abcdef0"], ...tags }))).rejects.toMatchObject({
      name: "InvalidTransitGatewayID.NotFound",
    });
    await expect(ec2().send(new CreateTagsCommand({ Resources: ["tgw-attach-0123456789abcdef0"], ...tags }))).rejects.toMatchObject({
      name: "InvalidTransitGatewayAttachmentID.NotFound",
    });
    await expect(ec2().send(new CreateTagsCommand({ Resources: ["vpn-0123456789abcdef0"], ...tags }))).rejects.toMatchObject({
      name: "InvalidVpnConnectionID.NotFound",
    });
  });
});
