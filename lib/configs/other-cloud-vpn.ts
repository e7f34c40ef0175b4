import { hiddenKeyPlaceholder } from "@/lib/configs/hidden-keys";
import type { TunnelConfig, VpnDeviceConfig } from "@/lib/configs/vpn-device-config";

/**
 * What a customer whose "site" is another cloud runs on their side, with this connection's values
 * filled in: Azure (az), Google Cloud (gcloud), Oracle Cloud (oci). Names the customer chooses are
 * shell variables set in the first step, so each command can be pasted as written.
 */
export type OtherCloudProvider = "azure" | "gcp" | "oracle";

export interface CloudStep {
  title: string;
  /** Short notes, each a sentence or two. */
  notes: string[];
  /** Shell commands, in order. */
  commands: string[];
}

export interface OtherCloudGuide {
  cloud: OtherCloudProvider;
  title: string;
  steps: CloudStep[];
}

export interface OtherCloudOptions {
  /** Show the pre-shared keys; otherwise a placeholder names each tunnel's key. */
  revealSecrets: boolean;
  /** The landing network(s) on the AWS side. */
  awsSideCidrs: readonly string[];
}

/** Oracle's side of every OCI IPSec BGP session uses this ASN (commercial realm). */
export const ORACLE_BGP_ASN = 31898;
/** Cloud DNS sends forwarded queries from here; the VPN must carry the answers back. */
export const GOOGLE_DNS_FORWARDING_RANGE = "35.199.192.0/19";

/** Single-quoted for POSIX shells: pre-shared keys hold only [A-Za-z0-9._], but names may not. */
function quote(value: string): string {
  return `'${value.replaceAll("'", "'\\''")}'`;
}

function key(tunnel: TunnelConfig, options: OtherCloudOptions): string {
  return quote(options.revealSecrets ? tunnel.preSharedKey : hiddenKeyPlaceholder(tunnel.number));
}

/** The note on steps whose keys are placeholders; the page replaces it with the reveal's own state. */
export const HIDDEN_KEYS_NOTE = "The pre-shared keys are hidden: reveal them in Onramp to fill them in.";

function hiddenKeyNote(options: OtherCloudOptions): string[] {
  return options.revealSecrets ? [] : [HIDDEN_KEYS_NOTE];
}

function bgpOf(config: VpnDeviceConfig): { customerAsn: number; awsAsn: number } | null {
  const bgp = config.tunnels[0]?.bgp;
  return config.routing === "bgp" && bgp ? { customerAsn: bgp.customerAsn, awsAsn: bgp.awsAsn } : null;
}

function azure(config: VpnDeviceConfig, options: OtherCloudOptions): OtherCloudGuide {
  const bgp = bgpOf(config);
  const apipa = config.tunnels.map((t) => t.customerInsideIp);
  const steps: CloudStep[] = [
    {
      title: "Set the names of your Azure resources",
      notes: ["You need a route-based VPN gateway in your virtual network (VpnGw1 or larger for BGP)."],
      commands: ["RG=<your resource group>", "LOCATION=<your Azure region, e.g. westeurope>", "VPN_GATEWAY=<your virtual network gateway>"],
    },
  ];
  if (bgp) {
    steps.push({
      title: "Give the VPN gateway your ASN and the tunnels' BGP addresses",
      notes: [
        `Azure peers with AWS from APIPA addresses (169.254.21.0 to 169.254.22.255): your side of each tunnel, ${apipa.join(" and ")}.`,
      ],
      commands: [
        `az network vnet-gateway update -g "$RG" -n "$VPN_GATEWAY" --asn ${bgp.customerAsn} --set 'bgpSettings.bgpPeeringAddresses[0].customBgpIpAddresses=${JSON.stringify(apipa)}'`,
      ],
    });
  }
  for (const tunnel of config.tunnels) {
    const name = `aws-tunnel-${tunnel.number}`;
    const localGateway = [
      `az network local-gateway create -g "$RG" -l "$LOCATION" -n ${name} --gateway-ip-address ${tunnel.awsOutsideIp}`,
      bgp && tunnel.bgp
        ? ` --asn ${tunnel.bgp.awsAsn} --bgp-peering-address ${tunnel.awsInsideIp}`
        : ` --local-address-prefixes ${options.awsSideCidrs.join(" ")}`,
    ].join("");
    steps.push({
      title: `Tunnel ${tunnel.number}: local network gateway and connection`,
      notes: [
        `The local network gateway stands for AWS's end of tunnel ${tunnel.number} (${tunnel.awsOutsideIp}).`,
        ...(bgp ? [`In the connection's configuration, enable custom BGP addresses and choose ${tunnel.customerInsideIp} for this tunnel.`] : []),
        ...hiddenKeyNote(options),
      ],
      commands: [
        localGateway,
        `az network vpn-connection create -g "$RG" -l "$LOCATION" -n ${name} --vnet-gateway1 "$VPN_GATEWAY" --local-gateway2 ${name} --shared-key ${key(tunnel, options)}${bgp ? " --enable-bgp" : ""}`,
      ],
    });
  }
  steps.push({
    title: "Check the connections",
    notes: ["Both should reach Connected within a few minutes; AWS shows the tunnels UP at the same time."],
    commands: config.tunnels.map((t) => `az network vpn-connection show -g "$RG" -n aws-tunnel-${t.number} --query connectionStatus -o tsv`),
  });
  return { cloud: "azure", title: "Microsoft Azure: VPN gateway to AWS", steps };
}

function gcp(config: VpnDeviceConfig, options: OtherCloudOptions): OtherCloudGuide {
  const bgp = bgpOf(config);
  const peer = `aws-${config.vpnConnectionId}`;
  const interfaces = config.tunnels.map((t, index) => `${index}=${t.awsOutsideIp}`).join(",");
  const steps: CloudStep[] = [
    {
      title: "Set the names of your Google Cloud resources",
      notes: [
        "Google Cloud HA VPN needs BGP through a Cloud Router.",
        "The public address you gave Onramp for your device must be interface 0 of this HA VPN gateway; both AWS tunnels end there.",
      ],
      commands: ["REGION=<your region, e.g. europe-west1>", "NETWORK=<your VPC network>", "HA_VPN=onramp-ha-vpn", "ROUTER=onramp-router"],
    },
    {
      title: "HA VPN gateway and the AWS peer gateway",
      notes: ["Skip the first command if the HA VPN gateway already exists. The peer gateway lists AWS's two tunnel addresses."],
      commands: [
        `gcloud compute vpn-gateways create "$HA_VPN" --network "$NETWORK" --region "$REGION"`,
        `gcloud compute external-vpn-gateways create ${peer} --interfaces ${interfaces}`,
      ],
    },
  ];
  if (bgp) {
    steps.push({
      title: "Cloud Router",
      notes: [`Its ASN is the one you gave Onramp (${bgp.customerAsn}).`],
      commands: [`gcloud compute routers create "$ROUTER" --network "$NETWORK" --region "$REGION" --asn ${bgp.customerAsn}`],
    });
  }
  config.tunnels.forEach((tunnel, index) => {
    const name = `aws-tunnel-${tunnel.number}`;
    steps.push({
      title: `Tunnel ${tunnel.number}${tunnel.bgp ? " and its BGP session" : ""}`,
      notes: hiddenKeyNote(options),
      commands: [
        `gcloud compute vpn-tunnels create ${name} --region "$REGION" --vpn-gateway "$HA_VPN" --interface 0 --peer-external-gateway ${peer} --peer-external-gateway-interface ${index} --ike-version 2 --shared-secret ${key(tunnel, options)} --router "$ROUTER"`,
        ...(tunnel.bgp
          ? [
              `gcloud compute routers add-interface "$ROUTER" --region "$REGION" --interface-name ${name} --vpn-tunnel ${name} --ip-address ${tunnel.customerInsideIp} --mask-length ${tunnel.insidePrefix}`,
              `gcloud compute routers add-bgp-peer "$ROUTER" --region "$REGION" --peer-name ${name} --interface ${name} --peer-ip-address ${tunnel.awsInsideIp} --peer-asn ${tunnel.bgp.awsAsn}`,
            ]
          : []),
      ],
    });
  });
  steps.push({
    title: "Let answers to Cloud DNS forwarding come back",
    notes: [
      `If a Cloud DNS forwarding zone sends queries to the landing network, they come from ${GOOGLE_DNS_FORWARDING_RANGE}; advertise it so AWS routes the answers over the VPN.`,
    ],
    commands: [
      `gcloud compute routers update "$ROUTER" --region "$REGION" --advertisement-mode custom --set-advertisement-groups all_subnets --set-advertisement-ranges ${GOOGLE_DNS_FORWARDING_RANGE}`,
    ],
  });
  steps.push({
    title: "Check the tunnels and BGP",
    notes: ["Tunnels report ESTABLISHED and each BGP peer UP; the learned routes include the landing network."],
    commands: [`gcloud compute routers get-status "$ROUTER" --region "$REGION"`],
  });
  return { cloud: "gcp", title: "Google Cloud: HA VPN to AWS", steps };
}

function oracle(config: VpnDeviceConfig, options: OtherCloudOptions): OtherCloudGuide {
  const bgp = bgpOf(config);
  const [first] = config.tunnels;
  // In OCI's words the "customer" is the far end: here, AWS tunnel 1.
  const tunnelConfiguration = [
    {
      displayName: "aws-tunnel-1",
      routing: first.bgp ? "BGP" : "STATIC",
      ikeVersion: "V2",
      sharedSecret: options.revealSecrets ? first.preSharedKey : hiddenKeyPlaceholder(first.number),
      ...(first.bgp
        ? {
            bgpSessionConfig: {
              customerBgpAsn: String(first.bgp.awsAsn),
              customerInterfaceIp: `${first.awsInsideIp}/${first.insidePrefix}`,
              oracleInterfaceIp: `${first.customerInsideIp}/${first.insidePrefix}`,
            },
          }
        : {}),
    },
  ];
  const notes = [
    "In OCI, the CPE object stands for AWS's end of the tunnel.",
    "Oracle gives each of its tunnels a public address of its own, while AWS expects both of its tunnels from the one address you gave Onramp. So this connection's first Oracle tunnel pairs with AWS tunnel 1, and the address you gave Onramp must be that tunnel's Oracle VPN IP. For a redundant path, add a second Onramp site with the Oracle VPN IP of the second tunnel.",
    ...(bgp && bgp.customerAsn !== ORACLE_BGP_ASN
      ? [`Oracle's side always uses ASN ${ORACLE_BGP_ASN}, but this VPN expects ${bgp.customerAsn}: change the site's ASN in Onramp to ${ORACLE_BGP_ASN}.`]
      : []),
    ...hiddenKeyNote(options),
  ];
  return {
    cloud: "oracle",
    title: "Oracle Cloud: Site-to-Site VPN (IPSec connection) to AWS",
    steps: [
      {
        title: "Set the OCIDs of your compartment and dynamic routing gateway",
        notes: ["The DRG must be attached to the VCN that needs the service."],
        commands: ["COMPARTMENT=<compartment OCID>", "DRG=<dynamic routing gateway OCID>"],
      },
      {
        title: "CPE object for AWS",
        notes: [],
        commands: [
          `CPE=$(oci network cpe create --compartment-id "$COMPARTMENT" --ip-address ${first.awsOutsideIp} --display-name aws-${config.vpnConnectionId} --query data.id --raw-output)`,
        ],
      },
      {
        title: `IPSec connection with ${bgp ? "BGP" : "static routing"}`,
        notes,
        commands: [
          `oci network ip-sec-connection create --compartment-id "$COMPARTMENT" --cpe-id "$CPE" --drg-id "$DRG" --display-name aws-${config.vpnConnectionId} --static-routes ${quote(JSON.stringify(options.awsSideCidrs))} --tunnel-configuration ${quote(JSON.stringify(tunnelConfiguration))}`,
        ],
      },
      {
        title: "Check the tunnels",
        notes: ["Each tunnel reports UP once AWS's side is configured; with BGP, the DRG learns the landing network."],
        commands: [`oci network ip-sec-tunnel list --ipsc-id <IPSec connection OCID> --query 'data[].{name:"display-name",status:status,oracleIp:"vpn-ip"}' --output table`],
      },
    ],
  };
}

/** The customer-side steps for `cloud`, or null for "other", where the generic device configuration applies. */
export function otherCloudGuide(cloud: OtherCloudProvider | "other", config: VpnDeviceConfig, options: OtherCloudOptions): OtherCloudGuide | null {
  switch (cloud) {
    case "azure":
      return azure(config, options);
    case "gcp":
      return gcp(config, options);
    case "oracle":
      return oracle(config, options);
    case "other":
      return null;
  }
}

/** The guide as one shell-script-like text, for download. */
export function renderOtherCloudGuide(guide: OtherCloudGuide): string {
  const lines = [`# ${guide.title}`];
  guide.steps.forEach((step, index) => {
    lines.push("", `# ${index + 1}. ${step.title}`, ...step.notes.map((note) => `#    ${note}`), ...step.commands);
  });
  return `${lines.join("\n")}\n`;
}
