import { describe, expect, it } from "vitest";
import {
  DeviceConfigurationError,
  parseCustomerGatewayConfiguration,
  renderGenericIkev2,
  renderStrongSwan,
  type RenderOptions,
} from "@/lib/configs/vpn-device-config";

function tunnelXml(n: number, options: { bgp: boolean; psk: string; awsIp: string; inside: number }): string {
  const bgp = (asn: number) => (options.bgp ? `<bgp>\n<asn>${asn}</asn>\n<hold_time>30</hold_time>\n</bgp>` : "");
  const inside = (host: number) => `<tunnel_inside_address>
        <ip_address>169.254.${options.inside}.${host}</ip_address>
        <network_mask>255.255.255.252</network_mask>
        <network_cidr>30</network_cidr>
      </tunnel_inside_address>`;
  return `
  <ipsec_tunnel>
    <!-- tunnel ${n} -->
    <customer_gateway>
      <tunnel_outside_address><ip_address>8.20.30.40</ip_address></tunnel_outside_address>
      ${inside(2)}
      ${bgp(65010)}
    </customer_gateway>
    <vpn_gateway>
      <tunnel_outside_address>
        <ip_address>${options.awsIp}</ip_address>
      </tunnel_outside_address>
      ${inside(1)}
      ${bgp(64512)}
    </vpn_gateway>
    <ike>
      <authentication_protocol>sha1</authentication_protocol>
      <encryption_protocol>aes-128-cbc</encryption_protocol>
      <lifetime>28800</lifetime>
      <perfect_forward_secrecy>group2</perfect_forward_secrecy>
      <mode>main</mode>
      <pre_shared_key>${options.psk}</pre_shared_key>
    </ike>
    <ipsec>
      <protocol>esp</protocol>
      <authentication_protocol>hmac-sha1-96</authentication_protocol>
      <encryption_protocol>aes-128-cbc</encryption_protocol>
      <lifetime>3600</lifetime>
      <perfect_forward_secrecy>group2</perfect_forward_secrecy>
      <mode>tunnel</mode>
      <clear_df_bit>true</clear_df_bit>
      <fragmentation_before_encryption>true</fragmentation_before_encryption>
      <tcp_mss_adjustment>1379</tcp_mss_adjustment>
      <dead_peer_detection>
        <delay>10</delay>
        <retries>3</retries>
      </dead_peer_detection>
    </ipsec>
  </ipsec_tunnel>`;
}

function documentXml(bgp: boolean): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<vpn_connection id="vpn-0a1b2c3d4e5f60718">
  <customer_gateway_id>cgw-0123456789abcdef0</customer_gateway_id>
  <vpn_gateway_id>vgw-0fedcba9876543210</vpn_gateway_id>
  <vpn_connection_type>ipsec.1</vpn_connection_type>
  ${bgp ? "" : "<vpn_connection_attributes>NoBGPVPNConnection</vpn_connection_attributes>"}
  ${tunnelXml(1, { bgp, psk: "Tunnel1.Key_abc", awsIp: "3.210.1.10", inside: 10 })}
  ${tunnelXml(2, { bgp, psk: "Tunnel2.Key_def", awsIp: "3.211.2.20", inside: 11 })}
</vpn_connection>`;
}

const options: RenderOptions = { revealSecrets: false, awsSideCidrs: ["10.128.0.0/24"], onPremCidrs: ["10.20.0.0/16", "192.168.50.0/24"] };

describe("parseCustomerGatewayConfiguration", () => {
  it("reads both tunnels of a BGP connection", () => {
    const config = parseCustomerGatewayConfiguration(documentXml(true));
    expect(config).toMatchObject({
      vpnConnectionId: "vpn-0a1b2c3d4e5f60718",
      customerGatewayId: "cgw-0123456789abcdef0",
      gateway: { kind: "virtual_private_gateway", id: "vgw-0fedcba9876543210" },
      routing: "bgp",
    });
    expect(config.tunnels).toHaveLength(2);
    expect(config.tunnels[1]).toEqual({
      number: 2,
      awsOutsideIp: "3.211.2.20",
      customerOutsideIp: "8.20.30.40",
      insideCidr: "169.254.11.0/30",
      awsInsideIp: "169.254.11.1",
      customerInsideIp: "169.254.11.2",
      insidePrefix: 30,
      preSharedKey: "Tunnel2.Key_def",
      ike: { authentication: "sha1", encryption: "aes-128-cbc", lifetimeSeconds: 28800, dhGroup: "group2", mode: "main" },
      ipsec: {
        protocol: "esp",
        authentication: "hmac-sha1-96",
        encryption: "aes-128-cbc",
        lifetimeSeconds: 3600,
        pfsGroup: "group2",
        mode: "tunnel",
        clearDfBit: true,
        fragmentationBeforeEncryption: true,
        tcpMssAdjustment: 1379,
        dpdDelaySeconds: 10,
        dpdRetries: 3,
      },
      bgp: { customerAsn: 65010, awsAsn: 64512, holdTimeSeconds: 30 },
    });
  });

  it("reads a static connection on a transit gateway", () => {
    const xml = documentXml(false).replace(/<vpn_gateway_id>[^<]*<\/vpn_gateway_id>/, "<transit_gateway_id>tgw-0123456789abcdef0</transit_gateway_id>");
    const config = parseCustomerGatewayConfiguration(xml);
    expect(config.routing).toBe("static");
    expect(config.gateway).toEqual({ kind: "transit_gateway", id: "tgw-0123456789abcdef0" });
    expect(config.tunnels.map((t) => t.bgp)).toEqual([null, null]);
  });

  it("tolerates entities, CDATA, single-quoted attributes and a stray end tag", () => {
    const xml = documentXml(true)
      .replace('id="vpn-0a1b2c3d4e5f60718"', "id='vpn-0a1b2c3d4e5f60718'")
      .replace("<pre_shared_key>Tunnel1.Key_abc</pre_shared_key>", "<pre_shared_key><![CDATA[Tunnel1.Key_abc]]></pre_shared_key></stray>")
      .replace("<mode>tunnel</mode>", "<mode>tun&#110;el</mode>");
    const config = parseCustomerGatewayConfiguration(xml);
    expect(config.vpnConnectionId).toBe("vpn-0a1b2c3d4e5f60718");
    expect(config.tunnels[0].preSharedKey).toBe("Tunnel1.Key_abc");
    expect(config.tunnels[0].ipsec.mode).toBe("tunnel");
  });

  it("says what is missing or wrong", () => {
    expect(() => parseCustomerGatewayConfiguration("<html></html>")).toThrow(DeviceConfigurationError);
    expect(() => parseCustomerGatewayConfiguration("")).toThrow("The VPN configuration is not an AWS <vpn_connection> document.");
    expect(() => parseCustomerGatewayConfiguration('<vpn_connection id="x"><customer_gateway_id>c</customer_gateway_id><vpn_gateway_id>v</vpn_gateway_id></vpn_connection>')).toThrow(
      "The VPN configuration has no tunnels.",
    );
    expect(() => parseCustomerGatewayConfiguration(documentXml(true).replace(/<pre_shared_key>[^<]*<\/pre_shared_key>/, ""))).toThrow(
      "The VPN configuration has no ike/pre_shared_key for tunnel 1.",
    );
    expect(() => parseCustomerGatewayConfiguration(documentXml(true).replace("3.210.1.10", "not-an-ip"))).toThrow(
      "The VPN configuration's vpn_gateway/tunnel_outside_address/ip_address for tunnel 1 is not an IPv4 address.",
    );
  });
});

describe("renderGenericIkev2", () => {
  const bgp = parseCustomerGatewayConfiguration(documentXml(true));

  it("lists every setting per tunnel, keys hidden unless asked", () => {
    const text = renderGenericIkev2(bgp, options);
    expect(text).not.toContain("Tunnel1.Key_abc");
    expect(text).toContain("Pre-shared key            : HIDDEN-TUNNEL-1-KEY (reveal the pre-shared keys in Onramp)");
    for (const expected of [
      "VPN connection: vpn-0a1b2c3d4e5f60718",
      "Virtual private gateway: vgw-0fedcba9876543210",
      "Routing: dynamic (BGP)",
      "IKE version               : IKEv2",
      "Diffie-Hellman group      : 2",
      "Peer (AWS) address        : 3.210.1.10",
      "Inside, your address      : 169.254.10.2/30",
      "Inside, AWS address       : 169.254.11.1/30",
      "BGP neighbor              : 169.254.11.1",
      "Neighbor (AWS) ASN        : 64512",
      "Your ASN                  : 65010",
      "Hold time                 : 30 seconds (keepalive 10)",
      "Announce                  : 10.20.0.0/16, 192.168.50.0/24",
      "Dead peer detection       : every 10 s, 3 retries, then restart",
      "TCP MSS                   : clamp to 1379",
      "MTU                       : 1436",
    ]) {
      expect(text).toContain(expected);
    }
    const revealed = renderGenericIkev2(bgp, { ...options, revealSecrets: true });
    expect(revealed).toContain("Pre-shared key            : Tunnel1.Key_abc");
    expect(revealed).toContain("Pre-shared key            : Tunnel2.Key_def");
  });

  it("gives static routes, tunnel 1 preferred", () => {
    const text = renderGenericIkev2(parseCustomerGatewayConfiguration(documentXml(false)), options);
    expect(text).toContain("Routing: static");
    expect(text).toContain("Static route              : 10.128.0.0/24 via tunnel 2 interface");
    expect(text).toContain("Preference                : backup (higher metric than tunnel 1)");
    expect(text).not.toContain("BGP neighbor");
  });
});

describe("renderStrongSwan", () => {
  it("writes a route-based swanctl.conf with both tunnels", () => {
    const conf = renderStrongSwan(parseCustomerGatewayConfiguration(documentXml(true)), { ...options, revealSecrets: true });
    expect(conf).toContain("connections {\n  aws1 {\n    version = 2\n    remote_addrs = 3.210.1.10\n    proposals = aes128-sha1-modp1024\n    rekey_time = 28800s\n    dpd_delay = 10s");
    expect(conf).toContain("esp_proposals = aes128-sha1-modp1024");
    expect(conf).toContain("if_id_in = 2\n        if_id_out = 2");
    expect(conf).toContain('secrets {\n  ike-aws1 {\n    id-aws1 = 3.210.1.10\n    secret = "Tunnel1.Key_abc"\n  }');
    expect(conf).toContain("#   ip link add aws2 type xfrm dev eth0 if_id 2");
    expect(conf).toContain("#   ip addr add 169.254.11.2/30 dev aws2");
    expect(conf).toContain("#   router bgp 65010");
    expect(conf).toContain("#     neighbor 169.254.10.1 remote-as 64512");
    expect(conf).toContain("#       network 192.168.50.0/24");
    // Braces balance, so swanctl can load it.
    expect(conf.split("{").length).toBe(conf.split("}").length);
  });

  it("hides keys and routes statically when asked", () => {
    const conf = renderStrongSwan(parseCustomerGatewayConfiguration(documentXml(false)), options);
    expect(conf).not.toContain("Tunnel1.Key_abc");
    expect(conf).toContain('secret = "HIDDEN-TUNNEL-2-KEY (reveal the pre-shared keys in Onramp)"');
    expect(conf).toContain("#   ip route add 10.128.0.0/24 dev aws1 metric 100");
    expect(conf).toContain("#   ip route add 10.128.0.0/24 dev aws2 metric 200");
    expect(conf).not.toContain("router bgp");
  });

  it("maps stronger proposals and refuses ones it does not know", () => {
    const strong = documentXml(true)
      .replaceAll("<encryption_protocol>aes-128-cbc</encryption_protocol>", "<encryption_protocol>aes-256-gcm-16</encryption_protocol>")
      .replaceAll("<authentication_protocol>sha1</authentication_protocol>", "<authentication_protocol>sha2-256</authentication_protocol>")
      .replaceAll("<perfect_forward_secrecy>group2</perfect_forward_secrecy>", "<perfect_forward_secrecy>group20</perfect_forward_secrecy>");
    const conf = renderStrongSwan(parseCustomerGatewayConfiguration(strong), options);
    expect(conf).toContain("proposals = aes256gcm16-prfsha256-ecp384");
    expect(conf).toContain("esp_proposals = aes256gcm16-ecp384");
    const odd = documentXml(true).replace("<encryption_protocol>aes-128-cbc</encryption_protocol>", "<encryption_protocol>3des</encryption_protocol>");
    expect(() => renderStrongSwan(parseCustomerGatewayConfiguration(odd), options)).toThrow(
      "The VPN configuration uses the cipher “3des”, which this strongSwan renderer does not know.",
    );
  });
});
