import { SandboxError, invalidParameterValue } from "@/lib/sandbox/sandbox-error";
import { DEFAULT_PROPOSAL } from "@/lib/sandbox/services/ec2/customer-gateway-configuration";
import { insideAddresses } from "@/lib/sandbox/services/ec2/vpn-tunnels";
import type { CustomerGatewayRecord, VpnConnectionRecord } from "@/lib/sandbox/state/schema";

export interface DeviceType {
  id: string;
  vendor: string;
  platform: string;
  software: string;
  /** Which sample renderer the sandbox has for it; devices without one answer UnsupportedOperation. */
  sample?: "generic" | "strongswan" | "cisco-asa";
}

/** A selection of the device types AWS lists (GetVpnConnectionDeviceTypes), with stable ids. */
export const DEVICE_TYPES: readonly DeviceType[] = [
  { id: "9005b6c1", vendor: "Generic", platform: "Generic", software: "Vendor Agnostic", sample: "generic" },
  { id: "36a7a4d6", vendor: "Cisco Systems, Inc.", platform: "ASA 5500 Series", software: "ASA 9.7+ VTI", sample: "cisco-asa" },
  { id: "c8f6fd6f", vendor: "Cisco Systems, Inc.", platform: "ASA 5500 Series", software: "ASA 8.2+" },
  { id: "7125681a", vendor: "Cisco Systems, Inc.", platform: "ISR Series Routers", software: "IOS 12.4+" },
  { id: "50fbb0bd", vendor: "Cisco Systems, Inc.", platform: "CSRv AMI", software: "IOS 12.4+" },
  { id: "2ec8d1de", vendor: "Juniper Networks, Inc.", platform: "SRX Routers", software: "JunOS 11.0+" },
  { id: "bb1b9e70", vendor: "Juniper Networks, Inc.", platform: "J-Series Routers", software: "JunOS 9.5+" },
  { id: "754a6372", vendor: "Palo Alto Networks", platform: "PA Series", software: "PANOS 7.0+" },
  { id: "7b2d1d6e", vendor: "Fortinet", platform: "Fortigate 40+ Series", software: "FortiOS 6.4.4+ (GUI)" },
  { id: "a9d1c0b2", vendor: "Fortinet", platform: "Fortigate 40+ Series", software: "FortiOS 5.0+" },
  { id: "4c8cd5a4", vendor: "Strongswan", platform: "Ubuntu 16.04", software: "Strongswan 5.5.1+", sample: "strongswan" },
  { id: "e6c0b4c8", vendor: "Openswan", platform: "Openswan", software: "Openswan 2.6.38+" },
  { id: "f3a2d6e1", vendor: "pfSense", platform: "pfsense", software: "pfsense 2.2.5+(GUI)" },
  { id: "5fb390ba", vendor: "Check Point", platform: "Gaia", software: "R80.10+" },
  { id: "1d3c5e7a", vendor: "Microsoft", platform: "Windows Server", software: "2012 R2" },
  { id: "8b7a6c5d", vendor: "SonicWall", platform: "NSA, TZ", software: "OS 6.5" },
  { id: "2a4b6c8d", vendor: "Ubiquiti", platform: "EdgeRouter", software: "EdgeOS v1.10.7" },
  { id: "6e5d4c3b", vendor: "Sophos", platform: "Sophos Firewall", software: "v19+" },
  { id: "0f1e2d3c", vendor: "WatchGuard, Inc.", platform: "Firebox", software: "Fireware OS 11.12.2+" },
  { id: "a1b2c3d4", vendor: "Mikrotik", platform: "RouterOS", software: "6.44.3" },
  { id: "d4c3b2a1", vendor: "Yamaha", platform: "RTX Routers", software: "Rev.10.01.16+" },
];

export function findDeviceType(id: string): DeviceType {
  const device = DEVICE_TYPES.find((candidate) => candidate.id === id);
  if (!device) throw invalidParameterValue(`Invalid VPN connection device type id: '${id}'.`);
  return device;
}

interface SampleInput {
  connection: VpnConnectionRecord;
  customerGateway: CustomerGatewayRecord;
  amazonSideAsn: number;
  ikeVersion: "ikev1" | "ikev2";
}

function generic({ connection, customerGateway, amazonSideAsn, ikeVersion }: SampleInput): string {
  const p = DEFAULT_PROPOSAL;
  const lines = [
    `! Amazon Web Services`,
    `! Virtual Private Cloud`,
    `! AWS utilizes unique identifiers to manipulate the configuration of a VPN connection.`,
    `! Your VPN Connection ID                  : ${connection.id}`,
    `! Your Customer Gateway ID                : ${customerGateway.id}`,
    `! Your Gateway ID                         : ${connection.vpnGatewayId ?? connection.transitGatewayId ?? ""}`,
    `! Device: Generic, Vendor Agnostic, ${ikeVersion.toUpperCase()}`,
  ];
  connection.tunnels.forEach((tunnel, index) => {
    const inside = insideAddresses(tunnel.insideCidr);
    const n = index + 1;
    lines.push(
      ``,
      `IPSec Tunnel #${n}`,
      `================================================================================`,
      `#1: Internet Key Exchange Configuration`,
      `  - IKE version              : ${ikeVersion === "ikev2" ? "IKEv2" : "IKEv1"}`,
      `  - Authentication Method    : Pre-Shared Key`,
      `  - Pre-Shared Key           : ${tunnel.preSharedKey}`,
      `  - Authentication Algorithm : ${p.ikeAuthentication}`,
      `  - Encryption Algorithm     : ${p.ikeEncryption}`,
      `  - Lifetime                 : ${p.ikeLifetimeSeconds} seconds`,
      `  - Phase 1 Negotiation Mode : main`,
      `  - Diffie-Hellman           : Group 2`,
      ``,
      `#2: IPSec Configuration`,
      `  - Protocol                 : esp`,
      `  - Authentication Algorithm : ${p.ipsecAuthentication}`,
      `  - Encryption Algorithm     : ${p.ipsecEncryption}`,
      `  - Lifetime                 : ${p.ipsecLifetimeSeconds} seconds`,
      `  - Mode                     : tunnel`,
      `  - Perfect Forward Secrecy  : Diffie-Hellman Group 2`,
      `  - DPD Interval             : ${p.dpdDelaySeconds}`,
      `  - DPD Retries              : ${p.dpdRetries}`,
      `  - TCP MSS Adjustment       : ${p.tcpMss} bytes`,
      `  - Clear Don't Fragment Bit : enabled`,
      `  - Fragmentation            : Before encryption`,
      ``,
      `#3: Tunnel Interface Configuration`,
      `Outside IP Addresses:`,
      `  - Customer Gateway         : ${customerGateway.ipAddress}`,
      `  - Virtual Private Gateway  : ${tunnel.outsideIpAddress}`,
      `Inside IP Addresses`,
      `  - Customer Gateway         : ${inside.customer}/30`,
      `  - Virtual Private Gateway  : ${inside.aws}/30`,
    );
    if (connection.staticRoutesOnly) {
      lines.push(``, `#4: Static Routing Configuration`, `  Route your VPC's traffic to the tunnel interface with next hop ${inside.aws}.`);
    } else {
      lines.push(
        ``,
        `#4: Border Gateway Protocol (BGP) Configuration`,
        `  - Customer Gateway ASN     : ${customerGateway.bgpAsn}`,
        `  - Virtual Private Gateway ASN : ${amazonSideAsn}`,
        `  - Neighbor IP Address      : ${inside.aws}`,
        `  - Neighbor Hold Time       : ${p.bgpHoldTimeSeconds}`,
      );
    }
  });
  return `${lines.join("\n")}\n`;
}

function strongswan({ connection, customerGateway, ikeVersion }: SampleInput): string {
  const conns = connection.tunnels.map((tunnel, index) => {
    const inside = insideAddresses(tunnel.insideCidr);
    return [
      `conn Tunnel${index + 1}`,
      `\tauto=start`,
      `\tleft=%defaultroute`,
      `\tleftid=${customerGateway.ipAddress}`,
      `\tright=${tunnel.outsideIpAddress}`,
      `\ttype=tunnel`,
      `\tleftauth=psk`,
      `\trightauth=psk`,
      `\tkeyexchange=${ikeVersion}`,
      `\tike=aes128-sha1-modp1024`,
      `\tikelifetime=8h`,
      `\tesp=aes128-sha1-modp1024`,
      `\tlifetime=1h`,
      `\tkeyingtries=%forever`,
      `\tleftsubnet=0.0.0.0/0`,
      `\trightsubnet=0.0.0.0/0`,
      `\tdpddelay=10s`,
      `\tdpdtimeout=30s`,
      `\tdpdaction=restart`,
      `\tmark=${100 * (index + 1)}`,
      `\tleftupdown="/etc/ipsec.d/aws-updown.sh -ln Tunnel${index + 1} -ll ${inside.customer}/30 -lr ${inside.aws}/30 -m ${100 * (index + 1)} -r <VPC CIDR>"`,
    ].join("\n");
  });
  const secrets = connection.tunnels.map(
    (tunnel) => `${customerGateway.ipAddress} ${tunnel.outsideIpAddress} : PSK "${tunnel.preSharedKey}"`,
  );
  return [
    `# Amazon Web Services Site-to-Site VPN ${connection.id}: strongSwan 5.5.1+ (ipsec.conf)`,
    `config setup`,
    `\tuniqueids = no`,
    ``,
    ...conns.flatMap((conn) => [conn, ""]),
    `# /etc/ipsec.secrets`,
    ...secrets,
    ``,
  ].join("\n");
}

function ciscoAsa({ connection, customerGateway, amazonSideAsn, ikeVersion }: SampleInput): string {
  const lines = [
    `! Amazon Web Services Site-to-Site VPN ${connection.id}: Cisco ASA 9.7+ (route-based, VTI)`,
    ikeVersion === "ikev2" ? `crypto ikev2 policy 200` : `crypto ikev1 policy 200`,
    `  encryption aes`,
    `  integrity sha`,
    `  group 2`,
    `  lifetime seconds 28800`,
    ikeVersion === "ikev2" ? `crypto ikev2 enable outside` : `crypto ikev1 enable outside`,
    `crypto ipsec ${ikeVersion} ipsec-proposal AWS`,
    `  protocol esp encryption aes`,
    `  protocol esp integrity sha-1`,
    `crypto ipsec profile AWS`,
    `  set pfs group2`,
    `  set security-association lifetime seconds 3600`,
    `  set ${ikeVersion} ipsec-proposal AWS`,
  ];
  connection.tunnels.forEach((tunnel, index) => {
    const inside = insideAddresses(tunnel.insideCidr);
    const n = index + 1;
    lines.push(
      `!`,
      `tunnel-group ${tunnel.outsideIpAddress} type ipsec-l2l`,
      `tunnel-group ${tunnel.outsideIpAddress} ipsec-attributes`,
      ikeVersion === "ikev2"
        ? `  ikev2 remote-authentication pre-shared-key ${tunnel.preSharedKey}\n  ikev2 local-authentication pre-shared-key ${tunnel.preSharedKey}`
        : `  ikev1 pre-shared-key ${tunnel.preSharedKey}`,
      `  isakmp keepalive threshold 10 retry 10`,
      `interface Tunnel${n}`,
      `  nameif AWS-${n}`,
      `  ip address ${inside.customer} 255.255.255.252`,
      `  tunnel source interface outside`,
      `  tunnel destination ${tunnel.outsideIpAddress}`,
      `  tunnel mode ipsec ipv4`,
      `  tunnel protection ipsec profile AWS`,
    );
    if (!connection.staticRoutesOnly) {
      lines.push(
        `router bgp ${customerGateway.bgpAsn}`,
        `  address-family ipv4 unicast`,
        `    neighbor ${inside.aws} remote-as ${amazonSideAsn}`,
        `    neighbor ${inside.aws} timers 10 30 30`,
        `    neighbor ${inside.aws} activate`,
      );
    } else {
      lines.push(`route AWS-${n} <VPC CIDR> <VPC NETMASK> ${inside.aws} ${n}`);
    }
  });
  return `${lines.join("\n")}\n`;
}

/**
 * A vendor-flavoured configuration with the connection's real values. The sandbox renders Generic,
 * strongSwan and Cisco ASA (VTI); other devices answer UnsupportedOperation so the portal's fallback
 * (a generic configuration built from CustomerGatewayConfiguration) gets exercised.
 */
export function sampleConfiguration(device: DeviceType, input: SampleInput): string {
  switch (device.sample) {
    case "generic":
      return generic(input);
    case "strongswan":
      return strongswan(input);
    case "cisco-asa":
      return ciscoAsa(input);
    default:
      throw new SandboxError(
        "UnsupportedOperation",
        `A sample configuration for ${device.vendor} ${device.platform} (${device.software}) is not available.`,
      );
  }
}
