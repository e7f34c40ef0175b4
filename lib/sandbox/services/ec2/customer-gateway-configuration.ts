import { escapeXml } from "@/lib/sandbox/protocols/xml-writer";
import { insideAddresses } from "@/lib/sandbox/services/ec2/vpn-tunnels";
import type { CustomerGatewayRecord, VpnConnectionRecord } from "@/lib/sandbox/state/schema";

/** The IKE/IPsec proposal AWS's configuration document lists by default (IKEv1, AES-128, SHA-1, group 2). */
export const DEFAULT_PROPOSAL = {
  ikeAuthentication: "sha1",
  ikeEncryption: "aes-128-cbc",
  ikeLifetimeSeconds: 28800,
  pfsGroup: "group2",
  ipsecAuthentication: "hmac-sha1-96",
  ipsecEncryption: "aes-128-cbc",
  ipsecLifetimeSeconds: 3600,
  dpdDelaySeconds: 10,
  dpdRetries: 3,
  tcpMss: 1379,
  bgpHoldTimeSeconds: 30,
} as const;

function element(name: string, content: string): string {
  return `<${name}>${content}</${name}>`;
}

function text(name: string, value: string | number | boolean): string {
  return element(name, escapeXml(String(value)));
}

function insideAddress(ip: string): string {
  return element(
    "tunnel_inside_address",
    text("ip_address", ip) + text("network_mask", "255.255.255.252") + text("network_cidr", 30),
  );
}

/**
 * The `<vpn_connection>` document AWS returns in CustomerGatewayConfiguration: per tunnel the
 * customer's and AWS's outside and inside addresses, BGP when the connection uses it, and the IKE
 * and IPsec parameters including the pre-shared key. It is a secret.
 */
export function customerGatewayConfiguration(
  connection: VpnConnectionRecord,
  customerGateway: CustomerGatewayRecord,
  amazonSideAsn: number,
): string {
  const p = DEFAULT_PROPOSAL;
  const tunnels = connection.tunnels.map((tunnel) => {
    const inside = insideAddresses(tunnel.insideCidr);
    const bgp = (asn: number) =>
      connection.staticRoutesOnly ? "" : element("bgp", text("asn", asn) + text("hold_time", p.bgpHoldTimeSeconds));
    return element(
      "ipsec_tunnel",
      element(
        "customer_gateway",
        element("tunnel_outside_address", text("ip_address", customerGateway.ipAddress)) +
          insideAddress(inside.customer) +
          bgp(customerGateway.bgpAsn),
      ) +
        element(
          "vpn_gateway",
          element("tunnel_outside_address", text("ip_address", tunnel.outsideIpAddress)) +
            insideAddress(inside.aws) +
            bgp(amazonSideAsn),
        ) +
        element(
          "ike",
          text("authentication_protocol", p.ikeAuthentication) +
            text("encryption_protocol", p.ikeEncryption) +
            text("lifetime", p.ikeLifetimeSeconds) +
            text("perfect_forward_secrecy", p.pfsGroup) +
            text("mode", "main") +
            text("pre_shared_key", tunnel.preSharedKey),
        ) +
        element(
          "ipsec",
          text("protocol", "esp") +
            text("authentication_protocol", p.ipsecAuthentication) +
            text("encryption_protocol", p.ipsecEncryption) +
            text("lifetime", p.ipsecLifetimeSeconds) +
            text("perfect_forward_secrecy", p.pfsGroup) +
            text("mode", "tunnel") +
            text("clear_df_bit", true) +
            text("fragmentation_before_encryption", true) +
            text("tcp_mss_adjustment", p.tcpMss) +
            element("dead_peer_detection", text("delay", p.dpdDelaySeconds) + text("retries", p.dpdRetries)),
        ),
    );
  });
  const gateway = connection.vpnGatewayId
    ? text("vpn_gateway_id", connection.vpnGatewayId)
    : text("transit_gateway_id", connection.transitGatewayId ?? "");
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n<vpn_connection id="${escapeXml(connection.id)}">` +
    text("customer_gateway_id", connection.customerGatewayId) +
    gateway +
    text("vpn_connection_type", connection.type) +
    (connection.staticRoutesOnly ? text("vpn_connection_attributes", "NoBGPVPNConnection") : "") +
    tunnels.join("") +
    "</vpn_connection>"
  );
}
