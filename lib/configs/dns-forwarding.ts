import type { DnsForwardingTargets } from "@/lib/configs/dns-forwarding-input";

/**
 * Ready-to-paste conditional forwarding for the customer's own DNS servers: queries for the
 * product's domains go to the Route 53 Resolver inbound endpoint in the landing VPC, over the VPN.
 *
 * Values are inserted as they are: `DnsForwardingTargets` only holds lower-case RFC 1123 names and
 * dotted-quad IPv4 addresses, which need no quoting in any of these languages. Each renderer carries
 * the traps that bite on that server (AWS-FACTS.md, "DNS for customers outside AWS").
 */

export type DnsServerKind = "bind" | "unbound" | "windows" | "dnsmasq" | "coredns" | "infoblox" | "azure" | "google-cloud";

export type DnsConfigLanguage = "bind" | "unbound" | "powershell" | "dnsmasq" | "corefile" | "shell";

export interface DnsForwardingConfig {
  kind: DnsServerKind;
  title: string;
  filename: string;
  language: DnsConfigLanguage;
  content: string;
  notes: string[];
}

/** Where Google Cloud DNS sends forwarded queries from (Cloud DNS forwarding zones docs). */
export const GOOGLE_CLOUD_DNS_SOURCE_RANGE = "35.199.192.0/19";

const PLUS_TWO_NOTE =
  "Forward to these Route 53 Resolver inbound endpoint addresses only. The VPC's own resolver (the VPC base address plus two, or 169.254.169.253) answers only inside the VPC and is not supported as a forwarding target.";

function bothAddressesNote(targets: DnsForwardingTargets): string {
  return `All ${targets.resolverIps.length} addresses are listed on purpose: they sit in different availability zones, so resolution survives a zone outage. Keep them all.`;
}

const FORWARD_ONLY_NOTE =
  "Forwarding is 'only', never 'first': if the endpoint cannot be reached the query fails, instead of leaking these private names to public resolvers and caching a public (wrong) answer.";

function dnssecNote(exception: string): string {
  return `DNSSEC: the private answers are unsigned. If a domain sits under a publicly signed parent, a validating resolver rejects them (SERVFAIL). ${exception}`;
}

function header(comment: string, lines: string[]): string[] {
  return lines.map((line) => `${comment} ${line}`);
}

function introduction(targets: DnsForwardingTargets): string[] {
  return [
    "Onramp: conditional forwarding to the Route 53 Resolver inbound endpoint of your landing VPC.",
    `Domains: ${targets.domains.join(", ")}`,
    `Resolver addresses: ${targets.resolverIps.join(", ")} (reached over the VPN)`,
  ];
}

/** A name for resources that allow lower-case letters, digits and hyphens, unique per domain. */
function resourceName(prefix: string, index: number, domain: string, maxLength: number): string {
  return `${prefix}-${index + 1}-${domain.replace(/\./g, "-")}`.slice(0, maxLength).replace(/-+$/, "");
}

/** BIND 9 `validate-except`: what to add to the options block when DNSSEC validation is on. */
export function bindValidateExcept(targets: DnsForwardingTargets): string {
  return `validate-except { ${targets.domains.map((domain) => `"${domain}";`).join(" ")} };`;
}

export function bindConfig(targets: DnsForwardingTargets): DnsForwardingConfig {
  const forwarders = targets.resolverIps.map((ip) => `${ip};`).join(" ");
  const lines = [
    ...header("//", [
      ...introduction(targets),
      "Include this file from named.conf, e.g. include \"/etc/bind/onramp-dns-bind.conf\";",
      "If DNSSEC validation is on (dnssec-validation auto or yes), also add this line inside your",
      "existing options { } block:",
      `    ${bindValidateExcept(targets)}`,
    ]),
    "",
    ...targets.domains.flatMap((domain) => [
      `zone "${domain}" {`,
      "    type forward;",
      "    forward only;",
      `    forwarders { ${forwarders} };`,
      "};",
      "",
    ]),
  ];
  return {
    kind: "bind",
    title: "BIND 9",
    filename: "onramp-dns-bind.conf",
    language: "bind",
    content: lines.join("\n"),
    notes: [
      "Check with named-checkconf, then apply with rndc reconfig.",
      "The server must allow recursion for the clients that ask these names (allow-recursion). If named.conf uses view statements, put the zones inside the view that serves those clients.",
      FORWARD_ONLY_NOTE,
      bothAddressesNote(targets),
      PLUS_TWO_NOTE,
      dnssecNote(`Add the validate-except line shown in the file to your options block (BIND 9.13 and later); older versions need rndc nta for each domain.`),
    ],
  };
}

export function unboundConfig(targets: DnsForwardingTargets): DnsForwardingConfig {
  const lines = [
    ...header("#", [
      ...introduction(targets),
      "Save as /etc/unbound/unbound.conf.d/onramp-dns-unbound.conf (or include it from unbound.conf).",
    ]),
    "server:",
    // The chain of trust from a signed public parent would mark the unsigned private answers bogus.
    ...targets.domains.map((domain) => `    domain-insecure: "${domain}"`),
    // Answers are private addresses, which `private-address:` rebinding protection would strip.
    ...targets.domains.map((domain) => `    private-domain: "${domain}"`),
    "",
    ...targets.domains.flatMap((domain) => [
      "forward-zone:",
      `    name: "${domain}"`,
      ...targets.resolverIps.map((ip) => `    forward-addr: ${ip}`),
      "    forward-first: no",
      "",
    ]),
  ];
  return {
    kind: "unbound",
    title: "Unbound",
    filename: "onramp-dns-unbound.conf",
    language: "unbound",
    content: lines.join("\n"),
    notes: [
      "Check with unbound-checkconf, then apply with unbound-control reload.",
      "private-domain keeps the private answers when private-address rebinding protection is configured (pfSense and OPNsense enable it).",
      FORWARD_ONLY_NOTE,
      bothAddressesNote(targets),
      PLUS_TWO_NOTE,
      dnssecNote("domain-insecure in the file exempts exactly these domains from validation."),
    ],
  };
}

function powershellList(values: readonly string[]): string {
  return `@(${values.map((value) => `'${value}'`).join(", ")})`;
}

export function windowsDnsConfig(targets: DnsForwardingTargets): DnsForwardingConfig {
  const lines = [
    ...header("#", [
      ...introduction(targets),
      "Run in an elevated PowerShell on a Windows DNS server (DnsServer module). Safe to run again:",
      "existing Onramp forwarders are updated, other zones with these names are left alone.",
    ]),
    "$ErrorActionPreference = 'Stop'",
    `$masterServers = ${powershellList(targets.resolverIps)}`,
    `$zoneNames = ${powershellList(targets.domains)}`,
    "# On a domain controller the forwarder is stored in Active Directory and replicated forest-wide.",
    "$isDomainController = (Get-CimInstance -ClassName Win32_ComputerSystem).DomainRole -ge 4",
    "",
    "foreach ($zoneName in $zoneNames) {",
    "    $existing = Get-DnsServerZone -Name $zoneName -ErrorAction SilentlyContinue",
    "    if ($null -eq $existing) {",
    "        $parameters = @{ Name = $zoneName; MasterServers = $masterServers }",
    "        if ($isDomainController) { $parameters.ReplicationScope = 'Forest' }",
    "        Add-DnsServerConditionalForwarderZone @parameters",
    "        Write-Host \"Added conditional forwarder $zoneName\"",
    "    } elseif ($existing.ZoneType -eq 'Forwarder') {",
    "        Set-DnsServerConditionalForwarderZone -Name $zoneName -MasterServers $masterServers -UseRecursion $false",
    "        Write-Host \"Updated conditional forwarder $zoneName\"",
    "    } else {",
    "        Write-Warning \"$zoneName already exists as a $($existing.ZoneType) zone; it was left unchanged.\"",
    "    }",
    "}",
    "",
  ];
  return {
    kind: "windows",
    title: "Windows DNS Server (PowerShell)",
    filename: "onramp-dns-windows.ps1",
    language: "powershell",
    content: lines.join("\n"),
    notes: [
      "On a domain controller the forwarder is created with -ReplicationScope Forest, so every DNS server in the forest gets it; elsewhere it is stored on this server only.",
      "Recursion stays off for these zones (no -UseRecursion), which is Windows' form of 'forward only': the server never falls back to root hints or its other forwarders for these names.",
      bothAddressesNote(targets),
      PLUS_TWO_NOTE,
      dnssecNote(
        "Windows DNS Server validates only below the trust anchors you configured (Get-DnsServerTrustAnchor). If a root or parent trust anchor covers these domains, check the answers with Resolve-DnsName -DnssecOk after applying.",
      ),
    ],
  };
}

export function dnsmasqConfig(targets: DnsForwardingTargets): DnsForwardingConfig {
  const lines = [
    ...header("#", [...introduction(targets), "Save as /etc/dnsmasq.d/onramp-dns-dnsmasq.conf and restart dnsmasq."]),
    ...targets.domains.flatMap((domain) => targets.resolverIps.map((ip) => `server=/${domain}/${ip}`)),
    // The answers are private addresses, which stop-dns-rebind would otherwise block.
    ...targets.domains.map((domain) => `rebind-domain-ok=/${domain}/`),
    "",
  ];
  return {
    kind: "dnsmasq",
    title: "dnsmasq",
    filename: "onramp-dns-dnsmasq.conf",
    language: "dnsmasq",
    content: lines.join("\n"),
    notes: [
      "Check with dnsmasq --test, then restart dnsmasq.",
      "A server=/domain/ line sends that domain only to the listed servers, never to the upstreams from resolv.conf: that is forward-only.",
      "rebind-domain-ok lets the private answers through when stop-dns-rebind is on.",
      bothAddressesNote(targets),
      PLUS_TWO_NOTE,
      dnssecNote("dnsmasq does not validate domains sent to a server=/domain/ line unless you give a trust-anchor for them, so nothing to add."),
    ],
  };
}

export function corednsConfig(targets: DnsForwardingTargets): DnsForwardingConfig {
  const lines = [
    ...header("#", [
      ...introduction(targets),
      "Add this server block to your Corefile (on Kubernetes: the coredns ConfigMap in kube-system).",
    ]),
    `${targets.domains.join(" ")} {`,
    "    errors",
    "    cache 30",
    `    forward . ${targets.resolverIps.join(" ")}`,
    "}",
    "",
  ];
  return {
    kind: "coredns",
    title: "CoreDNS",
    filename: "onramp-dns-coredns.Corefile",
    language: "corefile",
    content: lines.join("\n"),
    notes: [
      "The block answers only for these domains and sends them only to the listed addresses (forward only); everything else keeps using your other server blocks.",
      "On Kubernetes the nodes must route the resolver addresses over the VPN.",
      bothAddressesNote(targets),
      PLUS_TWO_NOTE,
      dnssecNote("CoreDNS does not validate DNSSEC by itself; if clients or another resolver behind it validate, add these domains as negative trust anchors there."),
    ],
  };
}

export function infobloxConfig(targets: DnsForwardingTargets): DnsForwardingConfig {
  const forwardTo = targets.resolverIps.map((ip, index) => ({ name: `route53-resolver-inbound-${index + 1}`, address: ip }));
  const requests = targets.domains.flatMap((domain) => {
    const body = {
      fqdn: domain,
      view: "${DNS_VIEW}",
      forward_to: forwardTo,
      forwarders_only: true,
      forwarding_servers: [{ name: "${GRID_MEMBER}", forwarders_only: true, use_override_forwarders: false }],
      comment: "Onramp: Route 53 Resolver inbound endpoint over the VPN",
    };
    return [
      `curl -sS -u "$WAPI_USER" -H 'Content-Type: application/json' -X POST "$WAPI_URL/zone_forward" --data @- <<JSON`,
      JSON.stringify(body, null, 2),
      "JSON",
      "echo",
    ];
  });
  const lines = [
    "#!/bin/sh",
    ...header("#", [
      ...introduction(targets),
      "Creates one forward zone per domain on an Infoblox NIOS Grid through WAPI.",
      "Set these four values first; curl asks for the password.",
    ]),
    "WAPI_URL='https://grid-master.example.internal/wapi/v2.12'   # your Grid Master and WAPI version",
    "WAPI_USER='admin'",
    "GRID_MEMBER='ns1.example.internal'   # the Grid member that serves the forward zones",
    "DNS_VIEW='default'",
    "set -eu",
    "",
    ...requests,
    "",
  ];
  return {
    kind: "infoblox",
    title: "Infoblox NIOS (WAPI)",
    filename: "onramp-dns-infoblox.sh",
    language: "shell",
    content: lines.join("\n"),
    notes: [
      "Each request body is JSON; GRID_MEMBER and DNS_VIEW are filled in by the shell. WAPI answers with the new zone's reference, or an error if the zone already exists.",
      "Restart DNS services on the Grid when NIOS asks, so the member loads the new zones.",
      "forwarders_only: true makes the member forward only, never resolve these names on its own.",
      bothAddressesNote(targets),
      PLUS_TWO_NOTE,
      dnssecNote(
        `If DNSSEC validation is on for the Grid or member, add ${targets.domains.join(", ")} to its DNSSEC negative trust anchors (Grid DNS Properties, DNSSEC; WAPI field dnssec_negative_trust_anchors).`,
      ),
    ],
  };
}

export function azureConfig(targets: DnsForwardingTargets): DnsForwardingConfig {
  const targetServers = `[${targets.resolverIps.map((ip) => `{ip-address:${ip},port:53}`).join(",")}]`;
  const lines = [
    "#!/bin/sh",
    ...header("#", [
      ...introduction(targets),
      "Azure DNS Private Resolver: a forwarding ruleset on your outbound endpoint, one rule per domain,",
      "linked to the virtual network whose workloads need these names. Set these values first:",
    ]),
    "RESOURCE_GROUP='my-resource-group'",
    "LOCATION='eastus'   # the region of your DNS Private Resolver",
    "OUTBOUND_ENDPOINT_ID='/subscriptions/.../resourceGroups/.../providers/Microsoft.Network/dnsResolvers/.../outboundEndpoints/...'",
    "VNET_ID='/subscriptions/.../resourceGroups/.../providers/Microsoft.Network/virtualNetworks/...'",
    "RULESET='onramp-aws'",
    "set -eu",
    "",
    "# Skip this command and the vnet-link below if your virtual network already uses a ruleset:",
    "# set RULESET to that ruleset's name and add only the rules.",
    'az dns-resolver forwarding-ruleset create --resource-group "$RESOURCE_GROUP" --name "$RULESET" \\',
    '  --location "$LOCATION" --outbound-endpoints "[{id:$OUTBOUND_ENDPOINT_ID}]"',
    "",
    ...targets.domains.flatMap((domain, index) => [
      `az dns-resolver forwarding-rule create --resource-group "$RESOURCE_GROUP" --ruleset-name "$RULESET" \\`,
      `  --name ${resourceName("onramp", index, domain, 80)} --domain-name '${domain}.' --forwarding-rule-state Enabled \\`,
      `  --target-dns-servers '${targetServers}'`,
      "",
    ]),
    'az dns-resolver vnet-link create --resource-group "$RESOURCE_GROUP" --ruleset-name "$RULESET" \\',
    '  --name onramp-aws-link --id "$VNET_ID"',
    "",
  ];
  return {
    kind: "azure",
    title: "Azure DNS Private Resolver (forwarding ruleset)",
    filename: "onramp-dns-azure.sh",
    language: "shell",
    content: lines.join("\n"),
    notes: [
      "Domain names in forwarding rules end with a dot (analytics.example.com.), as written here.",
      "Queries leave from the outbound endpoint's subnet: that subnet must be routed over the VPN to AWS and be among the address ranges you gave Onramp, or the endpoint's security group drops them.",
      "A rule forwards its domain only to its target servers; Azure never falls back to public DNS for it.",
      bothAddressesNote(targets),
      PLUS_TWO_NOTE,
      dnssecNote("If your workloads validate DNSSEC themselves (for example systemd-resolved with DNSSEC=yes), add these domains as negative trust anchors there."),
    ],
  };
}

export function googleCloudConfig(targets: DnsForwardingTargets): DnsForwardingConfig {
  const lines = [
    "#!/bin/sh",
    ...header("#", [
      ...introduction(targets),
      "Google Cloud DNS: one private forwarding zone per domain, visible to your VPC network(s),",
      "with private routing because the targets are reached over the VPN. Set these values first:",
    ]),
    "NETWORKS='my-vpc-network'   # comma-separated VPC networks whose workloads need these names",
    "CLOUD_ROUTER='my-cloud-router'   # the Cloud Router of the HA VPN to AWS",
    "REGION='us-east4'   # the Cloud Router's region",
    "set -eu",
    "",
    ...targets.domains.flatMap((domain, index) => [
      `gcloud dns managed-zones create ${resourceName("onramp", index, domain, 63)} \\`,
      `  --description='Onramp: ${domain} via the AWS Route 53 Resolver inbound endpoint' \\`,
      `  --dns-name='${domain}.' --visibility=private --networks="$NETWORKS" \\`,
      `  --private-forwarding-targets='${targets.resolverIps.join(",")}'`,
      "",
    ]),
    `# Cloud DNS sends forwarded queries from ${GOOGLE_CLOUD_DNS_SOURCE_RANGE}: advertise it to AWS so the answers come back over the VPN.`,
    'MODE=$(gcloud compute routers describe "$CLOUD_ROUTER" --region="$REGION" --format="value(bgp.advertiseMode)")',
    'if [ "$MODE" = "CUSTOM" ]; then',
    `  gcloud compute routers update "$CLOUD_ROUTER" --region="$REGION" --add-advertisement-ranges=${GOOGLE_CLOUD_DNS_SOURCE_RANGE}`,
    "else",
    '  gcloud compute routers update "$CLOUD_ROUTER" --region="$REGION" --advertisement-mode=custom \\',
    `    --set-advertisement-groups=all_subnets --set-advertisement-ranges=${GOOGLE_CLOUD_DNS_SOURCE_RANGE}`,
    "fi",
    "",
  ];
  return {
    kind: "google-cloud",
    title: "Google Cloud DNS (forwarding zones)",
    filename: "onramp-dns-gcloud.sh",
    language: "shell",
    content: lines.join("\n"),
    notes: [
      `Cloud DNS sends forwarded queries from ${GOOGLE_CLOUD_DNS_SOURCE_RANGE}, not from your subnets. That range must be advertised by your Cloud Router (the script does it) and be among the address ranges you gave Onramp, or the queries never get an answer.`,
      "--private-forwarding-targets sends queries through your VPC network and the VPN even for addresses outside RFC 1918; standard routing would try the internet for those.",
      "Names in Cloud DNS end with a dot (analytics.example.com.), as written here.",
      bothAddressesNote(targets),
      PLUS_TWO_NOTE,
      dnssecNote("If your workloads validate DNSSEC themselves (for example systemd-resolved with DNSSEC=yes), add these domains as negative trust anchors there."),
    ],
  };
}

/** Every renderer, in the order the customer sees them. */
export function dnsForwardingConfigs(targets: DnsForwardingTargets): DnsForwardingConfig[] {
  return [
    bindConfig(targets),
    unboundConfig(targets),
    windowsDnsConfig(targets),
    dnsmasqConfig(targets),
    corednsConfig(targets),
    infobloxConfig(targets),
    azureConfig(targets),
    googleCloudConfig(targets),
  ];
}
