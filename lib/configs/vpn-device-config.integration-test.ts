import { CreateCustomerGatewayCommand, CreateVpnConnectionCommand, CreateVpnGatewayCommand, DescribeVpnConnectionsCommand, EC2Client } from "@aws-sdk/client-ec2";
import { afterAll, describe, expect, it } from "vitest";
import { parseCustomerGatewayConfiguration, renderGenericIkev2, renderStrongSwan } from "@/lib/configs/vpn-device-config";
import { createSandboxCloud } from "@/lib/sandbox/cloud";

const cloud = createSandboxCloud({ stateFile: null, profile: "instant", seed: 11 });
afterAll(() => cloud.close());

const ec2 = new EC2Client({
  region: "us-east-1",
  credentials: cloud.credentialsFor(cloud.providerAccountId),
  requestHandler: cloud.requestHandler(),
  maxAttempts: 1,
});

async function vpnConfiguration(options: { staticRoutesOnly: boolean; tunnelOptions?: Array<{ TunnelInsideCidr: string; PreSharedKey: string }> }) {
  const { CustomerGateway } = await ec2.send(new CreateCustomerGatewayCommand({ Type: "ipsec.1", IpAddress: "8.20.30.40", BgpAsn: 65010 }));
  const { VpnGateway } = await ec2.send(new CreateVpnGatewayCommand({ Type: "ipsec.1", AmazonSideAsn: 64512 }));
  const { VpnConnection } = await ec2.send(
    new CreateVpnConnectionCommand({
      Type: "ipsec.1",
      CustomerGatewayId: CustomerGateway?.CustomerGatewayId,
      VpnGatewayId: VpnGateway?.VpnGatewayId,
      Options: { StaticRoutesOnly: options.staticRoutesOnly, TunnelOptions: options.tunnelOptions },
    }),
  );
  const described = await ec2.send(new DescribeVpnConnectionsCommand({ VpnConnectionIds: [VpnConnection?.VpnConnectionId ?? ""] }));
  const connection = described.VpnConnections?.[0];
  return { connection, xml: connection?.CustomerGatewayConfiguration ?? "" };
}

describe("device configuration from the sandbox's CustomerGatewayConfiguration (real SDK)", () => {
  it("matches what DescribeVpnConnections reports for each tunnel", async () => {
    const { connection, xml } = await vpnConfiguration({
      staticRoutesOnly: false,
      tunnelOptions: [
        { TunnelInsideCidr: "169.254.21.0/30", PreSharedKey: "First.tunnel_key1" },
        { TunnelInsideCidr: "169.254.22.0/30", PreSharedKey: "Second.tunnel_key2" },
      ],
    });
    const config = parseCustomerGatewayConfiguration(xml);
    expect(config.vpnConnectionId).toBe(connection?.VpnConnectionId);
    expect(config.customerGatewayId).toBe(connection?.CustomerGatewayId);
    expect(config.gateway).toEqual({ kind: "virtual_private_gateway", id: connection?.VpnGatewayId });
    expect(config.routing).toBe("bgp");
    const outside = (connection?.VgwTelemetry ?? []).map((t) => t.OutsideIpAddress).sort();
    expect(config.tunnels.map((t) => t.awsOutsideIp).sort()).toEqual(outside);
    expect(config.tunnels.map((t) => [t.insideCidr, t.awsInsideIp, t.customerInsideIp, t.preSharedKey])).toEqual([
      ["169.254.21.0/30", "169.254.21.1", "169.254.21.2", "First.tunnel_key1"],
      ["169.254.22.0/30", "169.254.22.1", "169.254.22.2", "Second.tunnel_key2"],
    ]);
    expect(config.tunnels.every((t) => t.customerOutsideIp === "8.20.30.40" && t.bgp?.customerAsn === 65010 && t.bgp.awsAsn === 64512)).toBe(true);

    const renderOptions = { revealSecrets: false, awsSideCidrs: ["10.128.0.0/24"], onPremCidrs: ["10.20.0.0/16"] };
    for (const rendered of [renderGenericIkev2(config, renderOptions), renderStrongSwan(config, renderOptions)]) {
      expect(rendered).not.toContain("First.tunnel_key1");
      expect(rendered).not.toContain("Second.tunnel_key2");
    }
  });

  it("reads a static connection with keys AWS chose", async () => {
    const { xml } = await vpnConfiguration({ staticRoutesOnly: true });
    const config = parseCustomerGatewayConfiguration(xml);
    expect(config.routing).toBe("static");
    expect(config.tunnels).toHaveLength(2);
    for (const tunnel of config.tunnels) expect(tunnel.preSharedKey).toMatch(/^[A-Za-z][A-Za-z0-9._]{7,63}$/);
    expect(new Set(config.tunnels.map((t) => t.insideCidr)).size).toBe(2);
  });
});
