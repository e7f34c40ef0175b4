import { describe, expect, it } from "vitest";
import { ORACLE_BGP_ASN, otherCloudGuide, renderOtherCloudGuide, type OtherCloudGuide } from "@/lib/configs/other-cloud-vpn";
import type { TunnelConfig, VpnDeviceConfig } from "@/lib/configs/vpn-device-config";

function tunnel(number: number, bgp: boolean, customerAsn = 65010): TunnelConfig {
  const third = 20 + number;
  return {
    number,
    awsOutsideIp: `3.210.${number}.10`,
    customerOutsideIp: "34.120.5.6",
    insideCidr: `169.254.${third}.0/30`,
    awsInsideIp: `169.254.${third}.1`,
    customerInsideIp: `169.254.${third}.2`,
    insidePrefix: 30,
    preSharedKey: `Secret.key_${number}abc`,
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
    bgp: bgp ? { customerAsn, awsAsn: 64512, holdTimeSeconds: 30 } : null,
  };
}

function vpn(bgp: boolean, customerAsn?: number): VpnDeviceConfig {
  return {
    vpnConnectionId: "vpn-0a1b2c3d4e5f60718",
    customerGatewayId: "cgw-0123456789abcdef0",
    gateway: { kind: "virtual_private_gateway", id: "vgw-0fedcba9876543210" },
    routing: bgp ? "bgp" : "static",
    tunnels: [tunnel(1, bgp, customerAsn), tunnel(2, bgp, customerAsn)],
  };
}

const hidden = { revealSecrets: false, awsSideCidrs: ["10.128.0.0/24"] };
const shown = { ...hidden, revealSecrets: true };

function guide(cloud: "azure" | "gcp" | "oracle", config: VpnDeviceConfig, options = hidden): OtherCloudGuide {
  const result = otherCloudGuide(cloud, config, options);
  if (!result) throw new Error("expected a guide");
  return result;
}

const commands = (g: OtherCloudGuide) => g.steps.flatMap((step) => step.commands);
const notes = (g: OtherCloudGuide) => g.steps.flatMap((step) => step.notes).join("\n");

describe("Azure", () => {
  it("creates a local network gateway and connection per AWS tunnel, with BGP on APIPA addresses", () => {
    const g = guide("azure", vpn(true), shown);
    expect(commands(g)).toEqual(
      expect.arrayContaining([
        `az network vnet-gateway update -g "$RG" -n "$VPN_GATEWAY" --asn 65010 --set 'bgpSettings.bgpPeeringAddresses[0].customBgpIpAddresses=["169.254.21.2","169.254.22.2"]'`,
        `az network local-gateway create -g "$RG" -l "$LOCATION" -n aws-tunnel-1 --gateway-ip-address 3.210.1.10 --asn 64512 --bgp-peering-address 169.254.21.1`,
        `az network vpn-connection create -g "$RG" -l "$LOCATION" -n aws-tunnel-2 --vnet-gateway1 "$VPN_GATEWAY" --local-gateway2 aws-tunnel-2 --shared-key 'Secret.key_2abc' --enable-bgp`,
      ]),
    );
    expect(notes(g)).toContain("enable custom BGP addresses and choose 169.254.22.2 for this tunnel");
  });

  it("uses address prefixes for static routing and hides keys by default", () => {
    const g = guide("azure", vpn(false));
    const all = commands(g).join("\n");
    expect(all).toContain("--gateway-ip-address 3.210.2.10 --local-address-prefixes 10.128.0.0/24");
    expect(all).toContain("--shared-key 'HIDDEN-TUNNEL-1-KEY'");
    expect(all).not.toContain("Secret.key_");
    expect(all).not.toContain("--enable-bgp");
    expect(all).not.toContain("vnet-gateway update");
    expect(notes(g)).toContain("The pre-shared keys are hidden");
  });
});

describe("Google Cloud", () => {
  it("builds HA VPN, a two-interface peer gateway, tunnels and Cloud Router BGP sessions", () => {
    const g = guide("gcp", vpn(true), shown);
    const all = commands(g);
    expect(all).toEqual(
      expect.arrayContaining([
        "gcloud compute external-vpn-gateways create aws-vpn-0a1b2c3d4e5f60718 --interfaces 0=3.210.1.10,1=3.210.2.10",
        `gcloud compute routers create "$ROUTER" --network "$NETWORK" --region "$REGION" --asn 65010`,
        `gcloud compute vpn-tunnels create aws-tunnel-2 --region "$REGION" --vpn-gateway "$HA_VPN" --interface 0 --peer-external-gateway aws-vpn-0a1b2c3d4e5f60718 --peer-external-gateway-interface 1 --ike-version 2 --shared-secret 'Secret.key_2abc' --router "$ROUTER"`,
        `gcloud compute routers add-interface "$ROUTER" --region "$REGION" --interface-name aws-tunnel-1 --vpn-tunnel aws-tunnel-1 --ip-address 169.254.21.2 --mask-length 30`,
        `gcloud compute routers add-bgp-peer "$ROUTER" --region "$REGION" --peer-name aws-tunnel-1 --interface aws-tunnel-1 --peer-ip-address 169.254.21.1 --peer-asn 64512`,
      ]),
    );
    expect(all.join("\n")).toContain("--set-advertisement-ranges 35.199.192.0/19");
    expect(notes(g)).toContain("must be interface 0 of this HA VPN gateway");
  });
});

describe("Oracle Cloud", () => {
  it("creates a CPE for AWS and an IPSec connection with the BGP session seen from OCI", () => {
    const g = guide("oracle", vpn(true, ORACLE_BGP_ASN), shown);
    const all = commands(g).join("\n");
    expect(all).toContain("oci network cpe create --compartment-id \"$COMPARTMENT\" --ip-address 3.210.1.10");
    expect(all).toContain(`--static-routes '["10.128.0.0/24"]'`);
    expect(all).toContain(
      `--tunnel-configuration '[{"displayName":"aws-tunnel-1","routing":"BGP","ikeVersion":"V2","sharedSecret":"Secret.key_1abc","bgpSessionConfig":{"customerBgpAsn":"64512","customerInterfaceIp":"169.254.21.1/30","oracleInterfaceIp":"169.254.21.2/30"}}]'`,
    );
    expect(notes(g)).not.toContain("change the site's ASN");
  });

  it("warns when the site's ASN is not Oracle's", () => {
    expect(notes(guide("oracle", vpn(true)))).toContain("Oracle's side always uses ASN 31898, but this VPN expects 65010");
    expect(commands(guide("oracle", vpn(false))).join("\n")).toContain('"routing":"STATIC"');
  });
});

it("has no guide for other clouds and renders guides as commented scripts", () => {
  expect(otherCloudGuide("other", vpn(true), hidden)).toBeNull();
  const text = renderOtherCloudGuide(guide("azure", vpn(false)));
  expect(text.startsWith("# Microsoft Azure: VPN gateway to AWS\n\n# 1. Set the names of your Azure resources\n#    You need a route-based VPN gateway")).toBe(true);
  expect(text).toContain("\nRG=<your resource group>\n");
});
