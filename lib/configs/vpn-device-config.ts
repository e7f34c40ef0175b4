import { hiddenKeyPlaceholder } from "@/lib/configs/hidden-keys";
import { formatCidr, networkOf, parseCidrNotation } from "@/lib/net/cidr";
import { parseIpv4 } from "@/lib/net/ipv4";

/**
 * A device configuration for any IKEv2 device, built from the `<vpn_connection>` document AWS
 * returns in a VPN connection's CustomerGatewayConfiguration. Used when AWS has no sample for the
 * customer's device (GetVpnConnectionDeviceSampleConfiguration). The document holds the pre-shared
 * keys, so this module treats them as secrets: renderers mask them unless asked not to.
 */

// ---- a small XML reader for AWS's document

interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  text: string;
}

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#\d+|[a-z]+);/g, (whole, entity: string) => {
    if (entity.startsWith("#x")) return String.fromCodePoint(Number.parseInt(entity.slice(2), 16));
    if (entity.startsWith("#")) return String.fromCodePoint(Number(entity.slice(1)));
    return ENTITIES[entity] ?? whole;
  });
}

/**
 * Reads elements, attributes, text, CDATA and entities, and skips the prolog, comments and
 * doctype: all this known document needs. It tolerates unclosed or stray end tags rather than
 * failing a customer's download over formatting; fields it then cannot find are reported by name.
 */
function parseXml(source: string): XmlElement | null {
  const root: XmlElement = { name: "#document", attributes: {}, children: [], text: "" };
  const stack: XmlElement[] = [root];
  const current = () => stack[stack.length - 1];
  const token = /<!--[\s\S]*?-->|<\?[\s\S]*?\?>|<!\[CDATA\[([\s\S]*?)\]\]>|<![^>]*>|<\/\s*([^\s>]+)\s*>|<([^\s/>!?]+)((?:\s+[^\s=/>]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>|([^<]+)/g;
  for (let match = token.exec(source); match !== null; match = token.exec(source)) {
    const [, cdata, endName, startName, attributeText, selfClosing, text] = match;
    if (cdata !== undefined) current().text += cdata;
    else if (text !== undefined) current().text += decodeEntities(text);
    else if (endName !== undefined) {
      const depth = stack.findLastIndex((element) => element.name === endName);
      if (depth > 0) stack.length = depth;
    } else if (startName !== undefined) {
      const attributes: Record<string, string> = {};
      for (const attribute of (attributeText ?? "").matchAll(/([^\s=/>]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) {
        attributes[attribute[1]] = decodeEntities(attribute[2] ?? attribute[3] ?? "");
      }
      const element: XmlElement = { name: startName, attributes, children: [], text: "" };
      current().children.push(element);
      if (!selfClosing) stack.push(element);
    }
  }
  return root.children[0] ?? null;
}

function childrenNamed(element: XmlElement, name: string): XmlElement[] {
  return element.children.filter((child) => child.name === name);
}

function find(element: XmlElement, path: readonly string[]): XmlElement | null {
  let at: XmlElement | undefined = element;
  for (const name of path) {
    at = at.children.find((child) => child.name === name);
    if (!at) return null;
  }
  return at;
}

function optionalText(element: XmlElement, path: readonly string[]): string | null {
  const found = find(element, path);
  return found ? found.text.trim() : null;
}

// ---- the model

/** Thrown when the document lacks something a device needs; names what is missing. */
export class DeviceConfigurationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "DeviceConfigurationError";
  }
}

export interface IkeParameters {
  /** As AWS writes them: "sha1", "aes-128-cbc", "group2". */
  authentication: string;
  encryption: string;
  lifetimeSeconds: number;
  dhGroup: string;
  mode: string;
}

export interface IpsecParameters {
  protocol: string;
  authentication: string;
  encryption: string;
  lifetimeSeconds: number;
  pfsGroup: string;
  mode: string;
  clearDfBit: boolean;
  fragmentationBeforeEncryption: boolean;
  tcpMssAdjustment: number | null;
  dpdDelaySeconds: number | null;
  dpdRetries: number | null;
}

export interface TunnelConfig {
  number: number;
  awsOutsideIp: string;
  customerOutsideIp: string;
  /** The tunnel's /30, e.g. 169.254.10.0/30. */
  insideCidr: string;
  awsInsideIp: string;
  customerInsideIp: string;
  insidePrefix: number;
  /** A secret: render it only when the customer asked to see it. */
  preSharedKey: string;
  ike: IkeParameters;
  ipsec: IpsecParameters;
  bgp: { customerAsn: number; awsAsn: number; holdTimeSeconds: number } | null;
}

export interface VpnDeviceConfig {
  vpnConnectionId: string;
  customerGatewayId: string;
  gateway: { kind: "virtual_private_gateway" | "transit_gateway"; id: string };
  routing: "bgp" | "static";
  tunnels: TunnelConfig[];
}

function required(element: XmlElement, path: readonly string[], where: string): string {
  const value = optionalText(element, path);
  if (!value) throw new DeviceConfigurationError(`The VPN configuration has no ${path.join("/")} for ${where}.`);
  return value;
}

function requiredIp(element: XmlElement, path: readonly string[], where: string): string {
  const value = required(element, path, where);
  if (parseIpv4(value) === null) throw new DeviceConfigurationError(`The VPN configuration's ${path.join("/")} for ${where} is not an IPv4 address.`);
  return value;
}

function requiredNumber(element: XmlElement, path: readonly string[], where: string): number {
  const value = Number(required(element, path, where));
  if (!Number.isInteger(value) || value < 0) throw new DeviceConfigurationError(`The VPN configuration's ${path.join("/")} for ${where} is not a number.`);
  return value;
}

function optionalNumber(element: XmlElement, path: readonly string[]): number | null {
  const text = optionalText(element, path);
  const value = text === null ? Number.NaN : Number(text);
  return Number.isInteger(value) ? value : null;
}

function readTunnel(tunnel: XmlElement, index: number): TunnelConfig {
  const where = `tunnel ${index + 1}`;
  const customerInsideIp = requiredIp(tunnel, ["customer_gateway", "tunnel_inside_address", "ip_address"], where);
  const awsInsideIp = requiredIp(tunnel, ["vpn_gateway", "tunnel_inside_address", "ip_address"], where);
  const insidePrefix = optionalNumber(tunnel, ["vpn_gateway", "tunnel_inside_address", "network_cidr"]) ?? 30;
  const notation = parseCidrNotation(`${awsInsideIp}/${insidePrefix}`);
  if (!notation) throw new DeviceConfigurationError(`The VPN configuration's inside network for ${where} is not valid.`);
  const customerBgp = find(tunnel, ["customer_gateway", "bgp"]);
  const awsBgp = find(tunnel, ["vpn_gateway", "bgp"]);
  return {
    number: index + 1,
    awsOutsideIp: requiredIp(tunnel, ["vpn_gateway", "tunnel_outside_address", "ip_address"], where),
    customerOutsideIp: requiredIp(tunnel, ["customer_gateway", "tunnel_outside_address", "ip_address"], where),
    insideCidr: formatCidr(networkOf(notation)),
    awsInsideIp,
    customerInsideIp,
    insidePrefix,
    preSharedKey: required(tunnel, ["ike", "pre_shared_key"], where),
    ike: {
      authentication: required(tunnel, ["ike", "authentication_protocol"], where),
      encryption: required(tunnel, ["ike", "encryption_protocol"], where),
      lifetimeSeconds: requiredNumber(tunnel, ["ike", "lifetime"], where),
      dhGroup: required(tunnel, ["ike", "perfect_forward_secrecy"], where),
      mode: optionalText(tunnel, ["ike", "mode"]) ?? "main",
    },
    ipsec: {
      protocol: optionalText(tunnel, ["ipsec", "protocol"]) ?? "esp",
      authentication: required(tunnel, ["ipsec", "authentication_protocol"], where),
      encryption: required(tunnel, ["ipsec", "encryption_protocol"], where),
      lifetimeSeconds: requiredNumber(tunnel, ["ipsec", "lifetime"], where),
      pfsGroup: required(tunnel, ["ipsec", "perfect_forward_secrecy"], where),
      mode: optionalText(tunnel, ["ipsec", "mode"]) ?? "tunnel",
      clearDfBit: optionalText(tunnel, ["ipsec", "clear_df_bit"]) === "true",
      fragmentationBeforeEncryption: optionalText(tunnel, ["ipsec", "fragmentation_before_encryption"]) === "true",
      tcpMssAdjustment: optionalNumber(tunnel, ["ipsec", "tcp_mss_adjustment"]),
      dpdDelaySeconds: optionalNumber(tunnel, ["ipsec", "dead_peer_detection", "delay"]),
      dpdRetries: optionalNumber(tunnel, ["ipsec", "dead_peer_detection", "retries"]),
    },
    bgp:
      customerBgp && awsBgp
        ? {
            customerAsn: requiredNumber(customerBgp, ["asn"], where),
            awsAsn: requiredNumber(awsBgp, ["asn"], where),
            holdTimeSeconds: optionalNumber(awsBgp, ["hold_time"]) ?? 30,
          }
        : null,
  };
}

/** Reads AWS's CustomerGatewayConfiguration document. */
export function parseCustomerGatewayConfiguration(xml: string): VpnDeviceConfig {
  const root = parseXml(xml);
  if (!root || root.name !== "vpn_connection") {
    throw new DeviceConfigurationError("The VPN configuration is not an AWS <vpn_connection> document.");
  }
  const tunnels = childrenNamed(root, "ipsec_tunnel").map(readTunnel);
  if (tunnels.length === 0) throw new DeviceConfigurationError("The VPN configuration has no tunnels.");
  const vgw = optionalText(root, ["vpn_gateway_id"]);
  const tgw = optionalText(root, ["transit_gateway_id"]);
  const gatewayId = vgw || tgw;
  if (!gatewayId) throw new DeviceConfigurationError("The VPN configuration names no virtual private or transit gateway.");
  const staticOnly = optionalText(root, ["vpn_connection_attributes"]) === "NoBGPVPNConnection";
  return {
    vpnConnectionId: root.attributes.id ?? "",
    customerGatewayId: required(root, ["customer_gateway_id"], "the connection"),
    gateway: { kind: vgw ? "virtual_private_gateway" : "transit_gateway", id: gatewayId },
    routing: staticOnly || tunnels.some((tunnel) => tunnel.bgp === null) ? "static" : "bgp",
    tunnels,
  };
}

// ---- rendering

export interface RenderOptions {
  /** Show the pre-shared keys; otherwise each is replaced by a placeholder naming its tunnel. */
  revealSecrets: boolean;
  /** The networks on the AWS side (the landing VPC), which the device routes into the tunnels. */
  awsSideCidrs: readonly string[];
  /** The customer's networks, which the device announces over BGP. */
  onPremCidrs: readonly string[];
}

/** AWS's recommended tunnel interface MTU: 1500 less the IPsec overhead AWS budgets. */
const TUNNEL_MTU = 1436;

function keyOf(tunnel: TunnelConfig, options: RenderOptions): string {
  return options.revealSecrets ? tunnel.preSharedKey : `${hiddenKeyPlaceholder(tunnel.number)} (reveal the pre-shared keys in Onramp)`;
}

function groupNumber(group: string): string {
  return group.replace(/^group/i, "");
}

const gatewayLabel = (config: VpnDeviceConfig) =>
  `${config.gateway.kind === "virtual_private_gateway" ? "Virtual private gateway" : "Transit gateway"}: ${config.gateway.id}`;

/** Plain-text settings for any IKEv2 device, tunnel by tunnel. */
export function renderGenericIkev2(config: VpnDeviceConfig, options: RenderOptions): string {
  const row = (label: string, value: string | number) => `     ${label.padEnd(26)}: ${value}`;
  const lines = [
    "Site-to-Site VPN: settings for a generic IKEv2 device",
    "",
    `VPN connection: ${config.vpnConnectionId}`,
    `Customer gateway: ${config.customerGatewayId}`,
    gatewayLabel(config),
    `Routing: ${config.routing === "bgp" ? "dynamic (BGP)" : "static"}`,
    "",
    "Configure both tunnels. AWS uses one at a time and moves traffic to the other during",
    "maintenance or a failure; with one tunnel the connection drops then.",
  ];
  for (const tunnel of config.tunnels) {
    const { ike, ipsec } = tunnel;
    lines.push(
      "",
      `Tunnel ${tunnel.number}`,
      "=".repeat(72),
      "  1. IKE (phase 1)",
      row("IKE version", "IKEv2"),
      row("Authentication", "pre-shared key"),
      row("Pre-shared key", keyOf(tunnel, options)),
      row("Encryption", ike.encryption),
      row("Integrity / PRF", ike.authentication),
      row("Diffie-Hellman group", groupNumber(ike.dhGroup)),
      row("Lifetime", `${ike.lifetimeSeconds} seconds`),
      row("Your IKE identity", tunnel.customerOutsideIp),
      row("Peer (AWS) address", tunnel.awsOutsideIp),
      "",
      "  2. IPsec (phase 2)",
      row("Protocol", `${ipsec.protocol.toUpperCase()}, ${ipsec.mode} mode`),
      row("Encryption", ipsec.encryption),
      row("Integrity", ipsec.authentication),
      row("PFS group", groupNumber(ipsec.pfsGroup)),
      row("Lifetime", `${ipsec.lifetimeSeconds} seconds`),
      row("Traffic selectors", "0.0.0.0/0 <-> 0.0.0.0/0 (route-based)"),
    );
    if (ipsec.dpdDelaySeconds !== null) {
      lines.push(row("Dead peer detection", `every ${ipsec.dpdDelaySeconds} s, ${ipsec.dpdRetries ?? 3} retries, then restart`));
    }
    if (ipsec.clearDfBit) lines.push(row("DF bit", "clear before encryption"));
    if (ipsec.fragmentationBeforeEncryption) lines.push(row("Fragmentation", "before encryption"));
    if (ipsec.tcpMssAdjustment !== null) lines.push(row("TCP MSS", `clamp to ${ipsec.tcpMssAdjustment}`));
    lines.push(
      "",
      "  3. Tunnel interface",
      row("Outside, your side", tunnel.customerOutsideIp),
      row("Outside, AWS side", tunnel.awsOutsideIp),
      row("Inside, your address", `${tunnel.customerInsideIp}/${tunnel.insidePrefix}`),
      row("Inside, AWS address", `${tunnel.awsInsideIp}/${tunnel.insidePrefix}`),
      row("MTU", TUNNEL_MTU),
      "",
      "  4. Routing",
    );
    if (tunnel.bgp) {
      lines.push(
        row("BGP neighbor", tunnel.awsInsideIp),
        row("Neighbor (AWS) ASN", tunnel.bgp.awsAsn),
        row("Your ASN", tunnel.bgp.customerAsn),
        row("Hold time", `${tunnel.bgp.holdTimeSeconds} seconds (keepalive ${Math.max(1, Math.floor(tunnel.bgp.holdTimeSeconds / 3))})`),
        row("Announce", options.onPremCidrs.join(", ") || "your networks"),
        row("You will learn", options.awsSideCidrs.join(", ") || "the landing network"),
      );
    } else {
      for (const cidr of options.awsSideCidrs) lines.push(row("Static route", `${cidr} via tunnel ${tunnel.number} interface`));
      lines.push(row("Preference", tunnel.number === 1 ? "primary" : "backup (higher metric than tunnel 1)"));
    }
  }
  return `${lines.join("\n")}\n`;
}

const STRONGSWAN_ENCRYPTION: Record<string, string> = {
  "aes-128-cbc": "aes128",
  "aes-256-cbc": "aes256",
  "aes-128-gcm-16": "aes128gcm16",
  "aes-256-gcm-16": "aes256gcm16",
};
const STRONGSWAN_INTEGRITY: Record<string, string> = {
  sha1: "sha1",
  "sha2-256": "sha256",
  "sha2-384": "sha384",
  "sha2-512": "sha512",
  "hmac-sha1-96": "sha1",
  "hmac-sha256-128": "sha256",
  "hmac-sha384-192": "sha384",
  "hmac-sha512-256": "sha512",
};
const STRONGSWAN_DH: Record<string, string> = {
  "2": "modp1024",
  "5": "modp1536",
  "14": "modp2048",
  "15": "modp3072",
  "16": "modp4096",
  "17": "modp6144",
  "18": "modp8192",
  "19": "ecp256",
  "20": "ecp384",
  "21": "ecp521",
  "22": "modp1024s160",
  "23": "modp2048s224",
  "24": "modp2048s256",
};

function unsupported(kind: string, value: string): never {
  throw new DeviceConfigurationError(`The VPN configuration uses ${kind} “${value}”, which this strongSwan renderer does not know.`);
}

/** strongSwan proposal syntax, e.g. aes128-sha1-modp1024; AEAD ciphers take no integrity algorithm. */
function proposal(encryption: string, integrity: string, group: string, forIke: boolean): string {
  const cipher = STRONGSWAN_ENCRYPTION[encryption] ?? unsupported("the cipher", encryption);
  const dh = STRONGSWAN_DH[groupNumber(group)] ?? unsupported("the Diffie-Hellman group", group);
  const mac = STRONGSWAN_INTEGRITY[integrity] ?? unsupported("the integrity algorithm", integrity);
  if (cipher.includes("gcm")) return forIke ? `${cipher}-prf${mac}-${dh}` : `${cipher}-${dh}`;
  return `${cipher}-${mac}-${dh}`;
}

/**
 * A route-based strongSwan (swanctl.conf) configuration: one XFRM interface per tunnel, so the
 * kernel's routing table, or a BGP daemon, decides which tunnel carries traffic.
 */
export function renderStrongSwan(config: VpnDeviceConfig, options: RenderOptions): string {
  const name = (tunnel: TunnelConfig) => `aws${tunnel.number}`;
  const header = [
    `# strongSwan 5.8+ swanctl.conf for AWS VPN connection ${config.vpnConnectionId}`,
    `# (${gatewayLabel(config)}; customer gateway ${config.customerGatewayId})`,
    "#",
    "# Route-based: create one XFRM interface per tunnel first, as root (replace eth0 with your",
    "# internet-facing interface), then load this file with `swanctl --load-all`:",
  ];
  for (const tunnel of config.tunnels) {
    header.push(
      `#   ip link add ${name(tunnel)} type xfrm dev eth0 if_id ${tunnel.number}`,
      `#   ip addr add ${tunnel.customerInsideIp}/${tunnel.insidePrefix} dev ${name(tunnel)}`,
      `#   ip link set ${name(tunnel)} up mtu ${TUNNEL_MTU}`,
    );
  }
  if (config.routing === "static") {
    header.push("#", "# Static routing: tunnel 1 preferred, tunnel 2 as backup:");
    for (const cidr of options.awsSideCidrs) {
      for (const tunnel of config.tunnels) header.push(`#   ip route add ${cidr} dev ${name(tunnel)} metric ${tunnel.number * 100}`);
    }
  } else {
    header.push("#", "# BGP: run a routing daemon over the tunnel interfaces, e.g. FRR (/etc/frr/frr.conf):");
    const first = config.tunnels[0].bgp;
    if (first) {
      header.push(`#   router bgp ${first.customerAsn}`);
      for (const tunnel of config.tunnels) {
        if (!tunnel.bgp) continue;
        header.push(
          `#     neighbor ${tunnel.awsInsideIp} remote-as ${tunnel.bgp.awsAsn}`,
          `#     neighbor ${tunnel.awsInsideIp} timers ${Math.max(1, Math.floor(tunnel.bgp.holdTimeSeconds / 3))} ${tunnel.bgp.holdTimeSeconds}`,
        );
      }
      header.push("#     address-family ipv4 unicast");
      for (const cidr of options.onPremCidrs) header.push(`#       network ${cidr}`);
      // FRR refuses to announce or accept routes over eBGP without a policy (RFC 8212).
      for (const tunnel of config.tunnels) {
        if (!tunnel.bgp) continue;
        header.push(`#       neighbor ${tunnel.awsInsideIp} route-map ALLOW-ALL in`, `#       neighbor ${tunnel.awsInsideIp} route-map ALLOW-ALL out`);
      }
      header.push("#     exit-address-family", "#   route-map ALLOW-ALL permit 10");
    }
  }
  if (!options.revealSecrets) {
    header.push("#", "# The pre-shared keys are hidden: reveal them in Onramp and download this file again.");
  }

  const connections = config.tunnels.map((tunnel) =>
    [
      `  ${name(tunnel)} {`,
      "    version = 2",
      `    remote_addrs = ${tunnel.awsOutsideIp}`,
      `    proposals = ${proposal(tunnel.ike.encryption, tunnel.ike.authentication, tunnel.ike.dhGroup, true)}`,
      `    rekey_time = ${tunnel.ike.lifetimeSeconds}s`,
      ...(tunnel.ipsec.dpdDelaySeconds !== null ? [`    dpd_delay = ${tunnel.ipsec.dpdDelaySeconds}s`] : []),
      "    local {",
      "      auth = psk",
      // Behind NAT the device's own address differs; AWS knows it by the public one.
      `      id = ${tunnel.customerOutsideIp}`,
      "    }",
      "    remote {",
      "      auth = psk",
      `      id = ${tunnel.awsOutsideIp}`,
      "    }",
      "    children {",
      `      ${name(tunnel)} {`,
      "        local_ts = 0.0.0.0/0",
      "        remote_ts = 0.0.0.0/0",
      `        esp_proposals = ${proposal(tunnel.ipsec.encryption, tunnel.ipsec.authentication, tunnel.ipsec.pfsGroup, false)}`,
      `        rekey_time = ${tunnel.ipsec.lifetimeSeconds}s`,
      `        if_id_in = ${tunnel.number}`,
      `        if_id_out = ${tunnel.number}`,
      "        dpd_action = restart",
      "        start_action = start",
      "      }",
      "    }",
      "  }",
    ].join("\n"),
  );
  const secrets = config.tunnels.map((tunnel) =>
    [`  ike-${name(tunnel)} {`, `    id-${name(tunnel)} = ${tunnel.awsOutsideIp}`, `    secret = "${keyOf(tunnel, options)}"`, "  }"].join("\n"),
  );
  return `${header.join("\n")}\n\nconnections {\n${connections.join("\n")}\n}\n\nsecrets {\n${secrets.join("\n")}\n}\n`;
}
