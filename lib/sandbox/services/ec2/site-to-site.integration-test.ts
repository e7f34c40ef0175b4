import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  AssociateTransitGatewayRouteTableCommand,
  AttachVpnGatewayCommand,
  AuthorizeSecurityGroupEgressCommand,
  AuthorizeSecurityGroupIngressCommand,
  CreateCustomerGatewayCommand,
  CreateRouteCommand,
  CreateSecurityGroupCommand,
  CreateSubnetCommand,
  CreateTransitGatewayCommand,
  CreateTransitGatewayRouteCommand,
  CreateTransitGatewayRouteTableCommand,
  CreateTransitGatewayVpcAttachmentCommand,
  CreateVpcCommand,
  CreateVpcEndpointCommand,
  CreateVpnConnectionCommand,
  CreateVpnConnectionRouteCommand,
  CreateVpnGatewayCommand,
  DeleteVpnConnectionCommand,
  DeleteVpnGatewayCommand,
  DescribeCustomerGatewaysCommand,
  DescribeRouteTablesCommand,
  DescribeSecurityGroupsCommand,
  DescribeTransitGatewayAttachmentsCommand,
  DescribeTransitGatewayVpcAttachmentsCommand,
  DescribeTransitGatewaysCommand,
  DescribeVpcEndpointServiceConfigurationsCommand,
  DescribeVpnConnectionsCommand,
  DescribeVpnGatewaysCommand,
  DetachVpnGatewayCommand,
  EC2Client,
  EnableTransitGatewayRouteTablePropagationCommand,
  EnableVgwRoutePropagationCommand,
  GetVpnConnectionDeviceSampleConfigurationCommand,
  GetVpnConnectionDeviceTypesCommand,
  RevokeSecurityGroupEgressCommand,
  SearchTransitGatewayRoutesCommand,
} from "@aws-sdk/client-ec2";
import { afterEach, describe, expect, it } from "vitest";
import { createSandboxCloud, type SandboxCloud, type SandboxOptions } from "@/lib/sandbox/cloud";
import { startSandboxServer } from "@/lib/sandbox/http-server";

const CUSTOMER_SITE_IP = "198.51.100.7";
const opened: SandboxCloud[] = [];
const tempDirs: string[] = [];

afterEach(async () => {
  for (const cloud of opened.splice(0)) await cloud.close();
  for (const dir of tempDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function openCloud(options: Partial<SandboxOptions> = {}): SandboxCloud {
  const cloud = createSandboxCloud({ stateFile: null, profile: "instant", seed: 3, ...options });
  opened.push(cloud);
  return cloud;
}

/** Realistic state machines at a tiny fraction of AWS's time: at 1/10,000 a 3-10 minute VPN is ready in 18-60 ms. */
function fastRealisticCloud(timeScale = 0.0001): SandboxCloud {
  return openCloud({ profile: "realistic", timeScale });
}

function ec2(cloud: SandboxCloud, accountId = cloud.providerAccountId): EC2Client {
  return new EC2Client({ region: "us-east-1", credentials: cloud.credentialsFor(accountId), requestHandler: cloud.requestHandler(), maxAttempts: 1 });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 3000): Promise<T> {
  const start = Date.now();
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() - start > timeoutMs) return value;
    await sleep(10);
  }
}

interface XmlNode {
  name: string;
  attributes: Record<string, string>;
  children: XmlNode[];
  text: string;
}

/** Enough XML to read the `<vpn_connection>` document back: elements, attributes, text. */
function parseXml(xml: string): XmlNode {
  const tokens = xml.replace(/<\?xml[^>]*\?>/, "").match(/<[^>]+>|[^<]+/g) ?? [];
  const root: XmlNode = { name: "#document", attributes: {}, children: [], text: "" };
  const stack = [root];
  for (const token of tokens) {
    const top = stack[stack.length - 1];
    if (token.startsWith("</")) {
      stack.pop();
    } else if (token.startsWith("<")) {
      const [, name, rest] = /^<([\w:-]+)(.*?)\/?>$/s.exec(token) ?? [];
      const attributes = Object.fromEntries([...(rest ?? "").matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1], m[2]]));
      const node: XmlNode = { name: name ?? "", attributes, children: [], text: "" };
      top.children.push(node);
      if (!token.endsWith("/>")) stack.push(node);
    } else if (token.trim()) {
      top.text += token.trim();
    }
  }
  return root.children[0] ?? root;
}

function child(node: XmlNode | undefined, ...path: string[]): XmlNode | undefined {
  return path.reduce<XmlNode | undefined>((current, name) => current?.children.find((c) => c.name === name), node);
}

async function landingVpc(client: EC2Client, op = "op-1") {
  const { Vpc } = await client.send(
    new CreateVpcCommand({
      CidrBlock: "10.60.0.0/16",
      TagSpecifications: [{ ResourceType: "vpc", Tags: [{ Key: "onramp:op", Value: op }] }],
    }),
  );
  const vpcId = Vpc?.VpcId ?? "";
  const subnets = [];
  for (const [index, zoneId] of ["use1-az1", "use1-az2"].entries()) {
    const { Subnet } = await client.send(
      new CreateSubnetCommand({
        VpcId: vpcId,
        CidrBlock: `10.60.${index}.0/24`,
        AvailabilityZoneId: zoneId,
        TagSpecifications: [{ ResourceType: "subnet", Tags: [{ Key: "onramp:op", Value: op }] }],
      }),
    );
    subnets.push(Subnet?.SubnetId ?? "");
  }
  return { vpcId, subnetIds: subnets };
}

describe("Site-to-Site VPN resources through the real SDK", () => {
  it("builds the landing VPC: main route table, security group rules both ways, VGW attach and propagation", async () => {
    const cloud = openCloud();
    const client = ec2(cloud);
    const { vpcId } = await landingVpc(client);
    const { RouteTables = [] } = await client.send(
      new DescribeRouteTablesCommand({ Filters: [{ Name: "vpc-id", Values: [vpcId] }, { Name: "association.main", Values: ["true"] }] }),
    );
    expect(RouteTables).toHaveLength(1);
    const table = RouteTables[0];
    expect(table?.Routes).toEqual([expect.objectContaining({ DestinationCidrBlock: "10.60.0.0/16", GatewayId: "local", State: "active" })]);

    const { GroupId = "" } = await client.send(new CreateSecurityGroupCommand({ VpcId: vpcId, GroupName: "landing", Description: "landing" }));
    await client.send(
      new AuthorizeSecurityGroupIngressCommand({
        GroupId,
        IpPermissions: [{ IpProtocol: "udp", FromPort: 53, ToPort: 53, IpRanges: [{ CidrIp: "192.168.0.0/16" }] }],
      }),
    );
    await client.send(new RevokeSecurityGroupEgressCommand({ GroupId, IpPermissions: [{ IpProtocol: "-1", IpRanges: [{ CidrIp: "0.0.0.0/0" }] }] }));
    await client.send(
      new AuthorizeSecurityGroupEgressCommand({
        GroupId,
        IpPermissions: [{ IpProtocol: "tcp", FromPort: 443, ToPort: 443, IpRanges: [{ CidrIp: "10.60.0.0/16" }] }],
      }),
    );
    await expect(
      client.send(new RevokeSecurityGroupEgressCommand({ GroupId, IpPermissions: [{ IpProtocol: "-1", IpRanges: [{ CidrIp: "0.0.0.0/0" }] }] })),
    ).rejects.toMatchObject({ name: "InvalidPermission.NotFound" });
    const { SecurityGroups = [] } = await client.send(new DescribeSecurityGroupsCommand({ GroupIds: [GroupId] }));
    expect(SecurityGroups[0]?.IpPermissionsEgress).toEqual([expect.objectContaining({ IpProtocol: "tcp", FromPort: 443 })]);

    const { VpnGateway } = await client.send(
      new CreateVpnGatewayCommand({ Type: "ipsec.1", AmazonSideAsn: 64600, TagSpecifications: [{ ResourceType: "vpn-gateway", Tags: [{ Key: "onramp:op", Value: "op-1" }] }] }),
    );
    const vgwId = VpnGateway?.VpnGatewayId ?? "";
    expect(vgwId).toMatch(/^vgw-[0-9a-f]{17}$/);
    await expect(client.send(new CreateVpnGatewayCommand({ Type: "ipsec.1", AmazonSideAsn: 7224 }))).rejects.toMatchObject({ name: "InvalidParameterValue" });
    await expect(client.send(new EnableVgwRoutePropagationCommand({ GatewayId: vgwId, RouteTableId: table?.RouteTableId }))).rejects.toMatchObject({
      name: "Gateway.NotAttached",
    });
    const attached = await client.send(new AttachVpnGatewayCommand({ VpcId: vpcId, VpnGatewayId: vgwId }));
    expect(attached.VpcAttachment).toEqual({ VpcId: vpcId, State: "attaching" });
    await expect(client.send(new AttachVpnGatewayCommand({ VpcId: vpcId, VpnGatewayId: vgwId }))).rejects.toMatchObject({
      name: "VpnGatewayAttachmentLimitExceeded",
    });
    await client.send(new EnableVgwRoutePropagationCommand({ GatewayId: vgwId, RouteTableId: table?.RouteTableId }));
    await client.send(new CreateRouteCommand({ RouteTableId: table?.RouteTableId, DestinationCidrBlock: "172.16.0.0/12", GatewayId: vgwId }));
    const after = await client.send(new DescribeRouteTablesCommand({ RouteTableIds: [table?.RouteTableId ?? ""] }));
    expect(after.RouteTables?.[0]?.PropagatingVgws).toEqual([{ GatewayId: vgwId }]);
    expect(after.RouteTables?.[0]?.Routes?.map((r) => [r.DestinationCidrBlock, r.State])).toEqual([
      ["10.60.0.0/16", "active"],
      ["172.16.0.0/12", "active"],
    ]);
    await expect(client.send(new DeleteVpnGatewayCommand({ VpnGatewayId: vgwId }))).rejects.toMatchObject({ name: "DependencyViolation" });
    await client.send(new DetachVpnGatewayCommand({ VpcId: vpcId, VpnGatewayId: vgwId }));
    await client.send(new DeleteVpnGatewayCommand({ VpnGatewayId: vgwId }));
    const { VpnGateways = [] } = await client.send(new DescribeVpnGatewaysCommand({ VpnGatewayIds: [vgwId] }));
    expect(VpnGateways[0]).toMatchObject({ State: "deleted", VpcAttachments: [{ VpcId: vpcId, State: "detached" }] });
  });

  it("walks VGW attach and VPN states in time, with a realistic configuration document and telemetry", async () => {
    const cloud = fastRealisticCloud(0.0005);
    const client = ec2(cloud);
    const { vpcId } = await landingVpc(client);
    const cgwInput = { Type: "ipsec.1" as const, BgpAsn: 65010, IpAddress: CUSTOMER_SITE_IP, DeviceName: "site-a" };
    const { CustomerGateway } = await client.send(new CreateCustomerGatewayCommand(cgwInput));
    const again = await client.send(new CreateCustomerGatewayCommand(cgwInput));
    expect(again.CustomerGateway?.CustomerGatewayId).toBe(CustomerGateway?.CustomerGatewayId);
    const cgwId = CustomerGateway?.CustomerGatewayId ?? "";
    const { VpnGateway } = await client.send(new CreateVpnGatewayCommand({ Type: "ipsec.1" }));
    const vgwId = VpnGateway?.VpnGatewayId ?? "";
    expect(VpnGateway?.State).toBe("pending");
    await eventually(
      () => client.send(new DescribeVpnGatewaysCommand({ VpnGatewayIds: [vgwId] })),
      (out) => out.VpnGateways?.[0]?.State === "available",
    );
    await eventually(
      () => client.send(new DescribeCustomerGatewaysCommand({ CustomerGatewayIds: [cgwId] })),
      (out) => out.CustomerGateways?.[0]?.State === "available",
    );
    await client.send(new AttachVpnGatewayCommand({ VpcId: vpcId, VpnGatewayId: vgwId }));
    const attached = await eventually(
      () => client.send(new DescribeVpnGatewaysCommand({ Filters: [{ Name: "attachment.vpc-id", Values: [vpcId] }] })),
      (out) => out.VpnGateways?.[0]?.VpcAttachments?.[0]?.State === "attached",
    );
    expect(attached.VpnGateways?.[0]?.VpcAttachments?.[0]?.State).toBe("attached");

    await expect(
      client.send(
        new CreateVpnConnectionCommand({
          Type: "ipsec.1",
          CustomerGatewayId: cgwId,
          VpnGatewayId: vgwId,
          Options: { TunnelOptions: [{ TunnelInsideCidr: "169.254.169.252/30" }] },
        }),
      ),
    ).rejects.toMatchObject({ name: "InvalidParameterValue" });
    await expect(
      client.send(new CreateVpnConnectionCommand({ Type: "ipsec.1", CustomerGatewayId: cgwId, VpnGatewayId: vgwId, Options: { EnableAcceleration: true } })),
    ).rejects.toMatchObject({ name: "InvalidParameterValue" });
    const request = {
      Type: "ipsec.1",
      CustomerGatewayId: cgwId,
      VpnGatewayId: vgwId,
      Options: {
        StaticRoutesOnly: true,
        TunnelOptions: [{ TunnelInsideCidr: "169.254.10.0/30", PreSharedKey: "first.key_1234" }, { TunnelInsideCidr: "169.254.11.0/30" }],
      },
      TagSpecifications: [{ ResourceType: "vpn-connection" as const, Tags: [{ Key: "onramp:op", Value: "op-1" }] }],
    };
    const created = await client.send(new CreateVpnConnectionCommand(request));
    const vpn = created.VpnConnection;
    const vpnId = vpn?.VpnConnectionId ?? "";
    expect(vpnId).toMatch(/^vpn-[0-9a-f]{17}$/);
    expect(vpn?.State).toBe("pending");
    const repeat = await client.send(new CreateVpnConnectionCommand(request));
    expect(repeat.VpnConnection?.VpnConnectionId).toBe(vpnId);
    expect(() => cloud.setVpnTunnelStatus(vpnId, "UP")).toThrow(/available/);

    const doc = parseXml(vpn?.CustomerGatewayConfiguration ?? "");
    expect(doc.name).toBe("vpn_connection");
    expect(doc.attributes.id).toBe(vpnId);
    expect(child(doc, "vpn_gateway_id")?.text).toBe(vgwId);
    const tunnels = doc.children.filter((c) => c.name === "ipsec_tunnel");
    expect(tunnels).toHaveLength(2);
    const outside = tunnels.map((t) => child(t, "vpn_gateway", "tunnel_outside_address", "ip_address")?.text);
    expect(new Set(outside).size).toBe(2);
    expect(tunnels.map((t) => child(t, "customer_gateway", "tunnel_outside_address", "ip_address")?.text)).toEqual([CUSTOMER_SITE_IP, CUSTOMER_SITE_IP]);
    expect(tunnels.map((t) => child(t, "customer_gateway", "tunnel_inside_address", "ip_address")?.text)).toEqual(["169.254.10.2", "169.254.11.2"]);
    expect(tunnels.map((t) => child(t, "vpn_gateway", "tunnel_inside_address", "ip_address")?.text)).toEqual(["169.254.10.1", "169.254.11.1"]);
    const keys = tunnels.map((t) => child(t, "ike", "pre_shared_key")?.text ?? "");
    expect(keys[0]).toBe("first.key_1234");
    expect(keys[1]).toMatch(/^[A-Za-z][A-Za-z0-9._]{31}$/);
    expect(child(tunnels[0], "ipsec", "dead_peer_detection", "delay")?.text).toBe("10");
    expect(vpn?.Options?.TunnelOptions?.map((t) => t.OutsideIpAddress)).toEqual(outside);
    expect(vpn?.VgwTelemetry?.map((t) => t.Status)).toEqual(["DOWN", "DOWN"]);

    await client.send(new CreateVpnConnectionRouteCommand({ VpnConnectionId: vpnId, DestinationCidrBlock: "192.168.0.0/16" }));
    const ready = await eventually(
      () => client.send(new DescribeVpnConnectionsCommand({ VpnConnectionIds: [vpnId] })),
      (out) => out.VpnConnections?.[0]?.State === "available" && out.VpnConnections[0].Routes?.[0]?.State === "available",
    );
    expect(ready.VpnConnections?.[0]?.State).toBe("available");
    cloud.setVpnTunnelStatus(vpnId, "UP");
    const up = await client.send(new DescribeVpnConnectionsCommand({ VpnConnectionIds: [vpnId] }));
    const telemetry = up.VpnConnections?.[0]?.VgwTelemetry ?? [];
    expect(telemetry.map((t) => [t.OutsideIpAddress, t.Status, t.AcceptedRouteCount])).toEqual(outside.map((ip) => [ip, "UP", 1]));
    expect(telemetry[0]?.LastStatusChange).toBeInstanceOf(Date);
    expect(up.VpnConnections?.[0]?.Routes).toEqual([{ DestinationCidrBlock: "192.168.0.0/16", Source: "Static", State: "available" }]);

    await client.send(new DeleteVpnConnectionCommand({ VpnConnectionId: vpnId }));
    const deleting = await client.send(new DescribeVpnConnectionsCommand({ VpnConnectionIds: [vpnId] }));
    expect(deleting.VpnConnections?.[0]?.State).toBe("deleting");
    expect(deleting.VpnConnections?.[0]?.VgwTelemetry?.map((t) => t.Status)).toEqual(["DOWN", "DOWN"]);
    const deleted = await eventually(
      () => client.send(new DescribeVpnConnectionsCommand({ VpnConnectionIds: [vpnId] })),
      (out) => out.VpnConnections?.[0]?.State === "deleted",
    );
    expect(deleted.VpnConnections?.[0]?.State).toBe("deleted");
    expect(deleted.VpnConnections?.[0]?.CustomerGatewayConfiguration).toBeUndefined();
  });

  it("lists device types and renders sample configurations for some vendors, refusing the others", async () => {
    const cloud = openCloud();
    const client = ec2(cloud);
    await landingVpc(client);
    const { CustomerGateway } = await client.send(new CreateCustomerGatewayCommand({ Type: "ipsec.1", BgpAsn: 65010, IpAddress: CUSTOMER_SITE_IP }));
    const { VpnGateway } = await client.send(new CreateVpnGatewayCommand({ Type: "ipsec.1" }));
    const { VpnConnection } = await client.send(
      new CreateVpnConnectionCommand({ Type: "ipsec.1", CustomerGatewayId: CustomerGateway?.CustomerGatewayId, VpnGatewayId: VpnGateway?.VpnGatewayId }),
    );
    const { VpnConnectionDeviceTypes = [] } = await client.send(new GetVpnConnectionDeviceTypesCommand({}));
    const vendors = new Set(VpnConnectionDeviceTypes.map((d) => d.Vendor));
    for (const vendor of ["Generic", "Cisco Systems, Inc.", "Juniper Networks, Inc.", "Palo Alto Networks", "Fortinet", "Strongswan", "pfSense"]) {
      expect(vendors).toContain(vendor);
    }
    const idOf = (vendor: string) => VpnConnectionDeviceTypes.find((d) => d.Vendor === vendor)?.VpnConnectionDeviceTypeId;
    const key = VpnConnection?.Options?.TunnelOptions?.[0]?.PreSharedKey ?? "";
    const strongswan = await client.send(
      new GetVpnConnectionDeviceSampleConfigurationCommand({
        VpnConnectionId: VpnConnection?.VpnConnectionId,
        VpnConnectionDeviceTypeId: idOf("Strongswan"),
        InternetKeyExchangeVersion: "ikev2",
      }),
    );
    expect(strongswan.VpnConnectionDeviceSampleConfiguration).toContain(`PSK "${key}"`);
    expect(strongswan.VpnConnectionDeviceSampleConfiguration).toContain("keyexchange=ikev2");
    await expect(
      client.send(
        new GetVpnConnectionDeviceSampleConfigurationCommand({
          VpnConnectionId: VpnConnection?.VpnConnectionId,
          VpnConnectionDeviceTypeId: idOf("Palo Alto Networks"),
        }),
      ),
    ).rejects.toMatchObject({ name: "UnsupportedOperation" });
  });

  it("runs transit gateways: pending -> available, one VPC attachment per VPC, tenant route tables, accelerated VPN attachments", async () => {
    const cloud = fastRealisticCloud(0.0005);
    const client = ec2(cloud);
    const { vpcId, subnetIds } = await landingVpc(client);
    const { TransitGateway } = await client.send(
      new CreateTransitGatewayCommand({
        Description: "shared",
        Options: { AmazonSideAsn: 64700, DefaultRouteTableAssociation: "disable", DefaultRouteTablePropagation: "disable" },
        TagSpecifications: [{ ResourceType: "transit-gateway", Tags: [{ Key: "onramp:role", Value: "shared" }] }],
      }),
    );
    const tgwId = TransitGateway?.TransitGatewayId ?? "";
    expect(TransitGateway).toMatchObject({ State: "pending", Options: { AmazonSideAsn: 64700, DefaultRouteTableAssociation: "disable" } });
    await expect(
      client.send(new CreateTransitGatewayVpcAttachmentCommand({ TransitGatewayId: tgwId, VpcId: vpcId, SubnetIds: subnetIds })),
    ).rejects.toMatchObject({ name: "IncorrectState" });
    await eventually(
      () => client.send(new DescribeTransitGatewaysCommand({ TransitGatewayIds: [tgwId] })),
      (out) => out.TransitGateways?.[0]?.State === "available",
    );
    const { TransitGatewayVpcAttachment } = await client.send(
      new CreateTransitGatewayVpcAttachmentCommand({ TransitGatewayId: tgwId, VpcId: vpcId, SubnetIds: subnetIds }),
    );
    const attachmentId = TransitGatewayVpcAttachment?.TransitGatewayAttachmentId ?? "";
    expect(attachmentId).toMatch(/^tgw-attach-[0-9a-f]{17}$/);
    await expect(
      client.send(new CreateTransitGatewayVpcAttachmentCommand({ TransitGatewayId: tgwId, VpcId: vpcId, SubnetIds: subnetIds })),
    ).rejects.toMatchObject({ name: "DuplicateTransitGatewayAttachment" });
    const { TransitGatewayRouteTable } = await client.send(new CreateTransitGatewayRouteTableCommand({ TransitGatewayId: tgwId }));
    const rtbId = TransitGatewayRouteTable?.TransitGatewayRouteTableId ?? "";
    await eventually(
      () => client.send(new DescribeTransitGatewayVpcAttachmentsCommand({ TransitGatewayAttachmentIds: [attachmentId] })),
      (out) => out.TransitGatewayVpcAttachments?.[0]?.State === "available",
    );
    await sleep(20);
    const association = await client.send(
      new AssociateTransitGatewayRouteTableCommand({ TransitGatewayRouteTableId: rtbId, TransitGatewayAttachmentId: attachmentId }),
    );
    expect(association.Association?.State).toBe("associating");
    await client.send(new EnableTransitGatewayRouteTablePropagationCommand({ TransitGatewayRouteTableId: rtbId, TransitGatewayAttachmentId: attachmentId }));

    const { CustomerGateway } = await client.send(new CreateCustomerGatewayCommand({ Type: "ipsec.1", BgpAsn: 65010, IpAddress: CUSTOMER_SITE_IP }));
    await sleep(20);
    const { VpnConnection } = await client.send(
      new CreateVpnConnectionCommand({
        Type: "ipsec.1",
        CustomerGatewayId: CustomerGateway?.CustomerGatewayId,
        TransitGatewayId: tgwId,
        Options: { EnableAcceleration: true },
      }),
    );
    expect(VpnConnection?.Options?.EnableAcceleration).toBe(true);
    const { TransitGatewayAttachments = [] } = await client.send(
      new DescribeTransitGatewayAttachmentsCommand({ Filters: [{ Name: "resource-type", Values: ["vpn"] }] }),
    );
    expect(TransitGatewayAttachments.map((a) => a.ResourceId)).toEqual([VpnConnection?.VpnConnectionId]);
    const vpnAttachmentId = TransitGatewayAttachments[0]?.TransitGatewayAttachmentId ?? "";
    await client.send(
      new CreateTransitGatewayRouteCommand({ TransitGatewayRouteTableId: rtbId, DestinationCidrBlock: "192.168.0.0/16", TransitGatewayAttachmentId: vpnAttachmentId }),
    );
    const { Routes = [] } = await client.send(
      new SearchTransitGatewayRoutesCommand({ TransitGatewayRouteTableId: rtbId, Filters: [{ Name: "state", Values: ["active"] }] }),
    );
    expect(Routes.map((r) => [r.DestinationCidrBlock, r.Type])).toEqual([
      ["192.168.0.0/16", "static"],
      ["10.60.0.0/16", "propagated"],
    ]);
  });

  it("brings tunnels up and down through the admin route, as the customer's device would", async () => {
    const cloud = openCloud();
    const server = await startSandboxServer(cloud, { port: 0 });
    try {
      const client = ec2(cloud);
      const { CustomerGateway } = await client.send(new CreateCustomerGatewayCommand({ Type: "ipsec.1", BgpAsn: 65010, IpAddress: CUSTOMER_SITE_IP }));
      const { VpnGateway } = await client.send(new CreateVpnGatewayCommand({ Type: "ipsec.1" }));
      const { VpnConnection } = await client.send(
        new CreateVpnConnectionCommand({ Type: "ipsec.1", CustomerGatewayId: CustomerGateway?.CustomerGatewayId, VpnGatewayId: VpnGateway?.VpnGatewayId }),
      );
      const id = VpnConnection?.VpnConnectionId ?? "";
      const post = (path: string, body: unknown) =>
        fetch(`${server.url}${path}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
      expect((await post(`/_sandbox/vpn-connections/${id}/tunnels`, { status: "UP" })).status).toBe(200);
      const up = await client.send(new DescribeVpnConnectionsCommand({ VpnConnectionIds: [id] }));
      expect(up.VpnConnections?.[0]?.VgwTelemetry?.map((t) => [t.Status, t.StatusMessage])).toEqual([
        ["UP", "0 BGP ROUTES"],
        ["UP", "0 BGP ROUTES"],
      ]);
      expect((await post(`/_sandbox/vpn-connections/${id}/tunnels`, { status: "SIDEWAYS" })).status).toBe(400);
      expect((await post("/_sandbox/vpn-connections/vpn-00000000000000000/tunnels", { status: "UP" })).status).toBe(404);
      expect((await post(`/_sandbox/vpn-connections/${id}/tunnels`, { status: "DOWN" })).status).toBe(200);
      const down = await client.send(new DescribeVpnConnectionsCommand({ VpnConnectionIds: [id] }));
      expect(down.VpnConnections?.[0]?.VgwTelemetry?.map((t) => t.Status)).toEqual(["DOWN", "DOWN"]);
    } finally {
      await server.close();
    }
  });

  it("auto-accepts the provider's own interface endpoint to its own service", async () => {
    const cloud = openCloud();
    const client = ec2(cloud);
    const { ServiceConfigurations = [] } = await client.send(new DescribeVpcEndpointServiceConfigurationsCommand({}));
    const service = ServiceConfigurations.find((s) => s.Tags?.some((t) => t.Key === "onramp:product" && t.Value === "ledger"));
    const { vpcId } = await landingVpc(client);
    const { Subnet } = await client.send(new CreateSubnetCommand({ VpcId: vpcId, CidrBlock: "10.60.9.0/24", AvailabilityZoneId: "use1-az4" }));
    const { VpcEndpoint } = await client.send(
      new CreateVpcEndpointCommand({ VpcEndpointType: "Interface", ServiceName: service?.ServiceName, VpcId: vpcId, SubnetIds: [Subnet?.SubnetId ?? ""] }),
    );
    expect(service?.AcceptanceRequired).toBe(true);
    expect(VpcEndpoint?.State).toBe("available");
  });

  it("logs every create with the resource it made, and persists the new resources", async () => {
    const dir = mkdtempSync(join(tmpdir(), "sandbox-s2s-"));
    tempDirs.push(dir);
    const stateFile = join(dir, "state.json");
    const first = openCloud({ stateFile });
    const client = ec2(first);
    await landingVpc(client);
    const { CustomerGateway } = await client.send(new CreateCustomerGatewayCommand({ Type: "ipsec.1", BgpAsn: 65010, IpAddress: CUSTOMER_SITE_IP }));
    await client.send(new CreateCustomerGatewayCommand({ Type: "ipsec.1", BgpAsn: 65010, IpAddress: CUSTOMER_SITE_IP }));
    const { VpnGateway } = await client.send(new CreateVpnGatewayCommand({ Type: "ipsec.1" }));
    const { VpnConnection } = await client.send(
      new CreateVpnConnectionCommand({ Type: "ipsec.1", CustomerGatewayId: CustomerGateway?.CustomerGatewayId, VpnGatewayId: VpnGateway?.VpnGatewayId }),
    );
    const { TransitGateway } = await client.send(new CreateTransitGatewayCommand({}));
    const creates = first.calls().filter((c) => c.action.startsWith("Create") && c.status === 200);
    expect(creates.map((c) => [c.action, c.resourceId?.split("-0")[0]])).toEqual([
      ["CreateVpc", "vpc"],
      ["CreateSubnet", "subnet"],
      ["CreateSubnet", "subnet"],
      ["CreateCustomerGateway", "cgw"],
      ["CreateCustomerGateway", "cgw"],
      ["CreateVpnGateway", "vgw"],
      ["CreateVpnConnection", "vpn"],
      ["CreateTransitGateway", "tgw"],
    ]);
    expect(new Set(creates.map((c) => c.resourceId)).size).toBe(creates.length - 1);
    first.setVpnTunnelStatus(VpnConnection?.VpnConnectionId ?? "", "UP");
    await first.close();
    opened.splice(opened.indexOf(first), 1);

    const second = openCloud({ stateFile });
    const again = ec2(second);
    const { VpnConnections = [] } = await again.send(new DescribeVpnConnectionsCommand({}));
    expect(VpnConnections.map((v) => [v.VpnConnectionId, v.VgwTelemetry?.[0]?.Status])).toEqual([[VpnConnection?.VpnConnectionId, "UP"]]);
    expect(VpnConnections[0]?.Options?.TunnelOptions?.[0]?.PreSharedKey).toBe(VpnConnection?.Options?.TunnelOptions?.[0]?.PreSharedKey);
    const { TransitGateways = [] } = await again.send(new DescribeTransitGatewaysCommand({}));
    expect(TransitGateways.map((t) => t.TransitGatewayId)).toEqual([TransitGateway?.TransitGatewayId]);
  });
});
