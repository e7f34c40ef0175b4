import { describe, expect, it } from "vitest";
import { parseDnsForwardingInput, type DnsForwardingInput, type DnsForwardingTargets } from "./dns-forwarding-input";
import {
  GOOGLE_CLOUD_DNS_SOURCE_RANGE,
  azureConfig,
  bindConfig,
  bindValidateExcept,
  corednsConfig,
  dnsForwardingConfigs,
  dnsmasqConfig,
  googleCloudConfig,
  infobloxConfig,
  unboundConfig,
  windowsDnsConfig,
} from "./dns-forwarding";
import { parseCorefile } from "./validators/corefile";
import { powershellShapeProblems } from "./validators/powershell-shape";

const PRIVATE_DNS_NAME = "analytics.acme-saas.example";
const ENDPOINT_SUFFIX = "vpce-svc-0123456789abcdef0.us-east-1.vpce.amazonaws.com";

function targetsFrom(input: DnsForwardingInput): DnsForwardingTargets {
  const result = parseDnsForwardingInput(input);
  if (!result.ok) throw new Error(JSON.stringify(result.fieldErrors));
  return result.data;
}

const targets = targetsFrom({
  domains: [PRIVATE_DNS_NAME, ENDPOINT_SUFFIX],
  resolverIps: ["10.20.1.10", "10.20.2.10"],
  testNames: [PRIVATE_DNS_NAME],
});

/** Two long domains that only differ after the point where resource names are cut. */
const longTargets = targetsFrom({
  domains: [`${"a".repeat(60)}.${"b".repeat(20)}.one.example`, `${"a".repeat(60)}.${"b".repeat(20)}.two.example`],
  resolverIps: ["172.16.5.10", "172.16.6.10", "172.16.7.10"],
  testNames: [`${"a".repeat(60)}.${"b".repeat(20)}.one.example`],
});

/** The JSON documents between `<<JSON` and `JSON` lines of a shell script. */
function heredocJson(script: string): unknown[] {
  const bodies = [...script.matchAll(/<<JSON\n([\s\S]*?)\nJSON\n/g)].map((match) => match[1]);
  return bodies.map((body) => JSON.parse(body));
}

describe("every renderer", () => {
  const configs = dnsForwardingConfigs(targets);

  it("renders the eight targets with distinct file names", () => {
    expect(configs.map((config) => config.kind)).toEqual(["bind", "unbound", "windows", "dnsmasq", "coredns", "infoblox", "azure", "google-cloud"]);
    expect(new Set(configs.map((config) => config.filename)).size).toBe(configs.length);
    for (const config of configs) {
      expect(config.title).not.toBe("");
      expect(config.filename).toMatch(/^onramp-dns-[a-z]+\.(conf|ps1|Corefile|sh)$/);
      expect(config.content.endsWith("\n")).toBe(true);
    }
  });

  it("names every domain and every resolver address", () => {
    for (const config of configs) {
      for (const value of [...targets.domains, ...targets.resolverIps]) expect(config.content, config.kind).toContain(value);
    }
  });

  it("carries the traps in its notes", () => {
    for (const config of configs) {
      const notes = config.notes.join("\n");
      expect(notes, config.kind).toMatch(/plus two/);
      expect(notes, config.kind).toMatch(/All 2 addresses/);
      expect(notes, config.kind).toMatch(/DNSSEC/);
    }
  });

  it("never forwards 'first' and never mentions the VPC resolver as a target", () => {
    for (const config of configs) {
      expect(config.content).not.toMatch(/forward first|forward-first: yes|169\.254\.169\.253/);
    }
  });
});

describe("bindConfig", () => {
  const config = bindConfig(targets);

  it("declares one forward-only zone per domain with both forwarders", () => {
    const zones = [...config.content.matchAll(/zone "([^"]+)" \{\n {4}type forward;\n {4}forward only;\n {4}forwarders \{ ([^}]*) \};\n\};/g)];
    expect(zones.map((zone) => zone[1])).toEqual(targets.domains);
    for (const zone of zones) expect(zone[2]).toBe("10.20.1.10; 10.20.2.10;");
  });

  it("shows the validate-except line for the options block", () => {
    expect(bindValidateExcept(targets)).toBe(`validate-except { "${PRIVATE_DNS_NAME}"; "${ENDPOINT_SUFFIX}"; };`);
    expect(config.content).toContain(`//     ${bindValidateExcept(targets)}`);
  });
});

describe("unboundConfig", () => {
  const config = unboundConfig(targets);

  it("exempts the domains from DNSSEC and rebinding protection in a server clause", () => {
    const server = config.content.split("\n\n")[0];
    expect(server).toMatch(/^server:$/m);
    for (const domain of targets.domains) {
      expect(server).toContain(`    domain-insecure: "${domain}"`);
      expect(server).toContain(`    private-domain: "${domain}"`);
    }
  });

  it("forwards each domain to every address, forward-first off", () => {
    const zones = config.content.split("forward-zone:\n").slice(1);
    expect(zones).toHaveLength(targets.domains.length);
    zones.forEach((zone, index) => {
      expect(zone).toContain(`    name: "${targets.domains[index]}"`);
      expect(zone.match(/forward-addr: /g)).toHaveLength(2);
      expect(zone).toContain("    forward-first: no");
    });
  });
});

describe("windowsDnsConfig", () => {
  const config = windowsDnsConfig(targets);

  it("has a sound PowerShell shape", () => {
    expect(powershellShapeProblems(config.content)).toEqual([]);
  });

  it("checks for an existing zone before adding, replicating forest-wide on domain controllers", () => {
    const content = config.content;
    expect(content).toContain("$masterServers = @('10.20.1.10', '10.20.2.10')");
    expect(content).toContain(`$zoneNames = @('${PRIVATE_DNS_NAME}', '${ENDPOINT_SUFFIX}')`);
    expect(content.indexOf("Get-DnsServerZone -Name $zoneName")).toBeLessThan(content.indexOf("Add-DnsServerConditionalForwarderZone"));
    expect(content).toContain("$parameters.ReplicationScope = 'Forest'");
    expect(content).toContain("Set-DnsServerConditionalForwarderZone -Name $zoneName -MasterServers $masterServers -UseRecursion $false");
    expect(content).not.toMatch(/Add-DnsServerConditionalForwarderZone[^\n]*-UseRecursion/);
  });
});

describe("dnsmasqConfig", () => {
  it("has one server line per domain and address, and allows private answers", () => {
    const lines = dnsmasqConfig(targets).content.split("\n").filter((line) => line !== "" && !line.startsWith("#"));
    const servers = lines.filter((line) => line.startsWith("server="));
    expect(servers).toEqual(targets.domains.flatMap((domain) => targets.resolverIps.map((ip) => `server=/${domain}/${ip}`)));
    expect(lines.filter((line) => line.startsWith("rebind-domain-ok="))).toEqual(targets.domains.map((domain) => `rebind-domain-ok=/${domain}/`));
    expect(lines).toHaveLength(servers.length + targets.domains.length);
  });
});

describe("corednsConfig", () => {
  it("is one server block for the domains that forwards to every address", () => {
    const blocks = parseCorefile(corednsConfig(targets).content);
    expect(blocks).toHaveLength(1);
    expect(blocks[0].keys).toEqual(targets.domains);
    const forward = blocks[0].directives.find((directive) => directive.name === "forward");
    expect(forward?.args).toEqual([".", ...targets.resolverIps]);
    expect(blocks[0].directives.map((directive) => directive.name).sort()).toEqual(["cache", "errors", "forward"]);
  });
});

describe("infobloxConfig", () => {
  it("posts valid zone_forward JSON per domain, forwarders only", () => {
    const content = infobloxConfig(targets).content;
    const bodies = heredocJson(content);
    expect(bodies).toHaveLength(targets.domains.length);
    bodies.forEach((body, index) => {
      expect(body).toMatchObject({
        fqdn: targets.domains[index],
        forwarders_only: true,
        forward_to: targets.resolverIps.map((address) => ({ address })),
        forwarding_servers: [{ name: "${GRID_MEMBER}", forwarders_only: true }],
      });
    });
    expect(content.match(/-X POST "\$WAPI_URL\/zone_forward" --data @- <<JSON/g)).toHaveLength(targets.domains.length);
  });
});

describe("azureConfig", () => {
  const content = azureConfig(longTargets).content;

  it("creates one rule per domain with a trailing dot and every address on port 53", () => {
    const rules = [...content.matchAll(/--name (\S+) --domain-name '([^']+)' --forwarding-rule-state Enabled \\\n {2}--target-dns-servers '([^']+)'/g)];
    expect(rules.map((rule) => rule[2])).toEqual(longTargets.domains.map((domain) => `${domain}.`));
    for (const rule of rules) {
      expect(rule[1]).toMatch(/^[a-z0-9][a-z0-9-]{0,78}[a-z0-9]$/);
      expect(rule[3]).toBe("[{ip-address:172.16.5.10,port:53},{ip-address:172.16.6.10,port:53},{ip-address:172.16.7.10,port:53}]");
    }
    expect(new Set(rules.map((rule) => rule[1])).size).toBe(rules.length);
  });

  it("creates the ruleset on the outbound endpoint and links the virtual network", () => {
    expect(content).toContain('--outbound-endpoints "[{id:$OUTBOUND_ENDPOINT_ID}]"');
    expect(content).toContain('--name onramp-aws-link --id "$VNET_ID"');
  });
});

describe("googleCloudConfig", () => {
  const config = googleCloudConfig(longTargets);

  it("creates private forwarding zones with private routing to every address", () => {
    const zones = [...config.content.matchAll(/gcloud dns managed-zones create (\S+) \\\n[^\n]*\n {2}--dns-name='([^']+)' --visibility=private --networks="\$NETWORKS" \\\n {2}--private-forwarding-targets='([^']+)'/g)];
    expect(zones.map((zone) => zone[2])).toEqual(longTargets.domains.map((domain) => `${domain}.`));
    for (const zone of zones) {
      expect(zone[1]).toMatch(/^[a-z][a-z0-9-]{0,61}[a-z0-9]$/);
      expect(zone[3]).toBe(longTargets.resolverIps.join(","));
    }
    expect(new Set(zones.map((zone) => zone[1])).size).toBe(zones.length);
  });

  it("advertises Cloud DNS's source range back over the VPN and says why", () => {
    expect(config.content).toContain(`--add-advertisement-ranges=${GOOGLE_CLOUD_DNS_SOURCE_RANGE}`);
    expect(config.content).toContain(`--set-advertisement-ranges=${GOOGLE_CLOUD_DNS_SOURCE_RANGE}`);
    expect(config.notes.join(" ")).toContain(GOOGLE_CLOUD_DNS_SOURCE_RANGE);
  });
});

describe("the test parsers themselves", () => {
  it("reject broken Corefiles", () => {
    expect(() => parseCorefile("example.com {\n forward . 10.0.0.1\n")).toThrow(/unterminated/);
    expect(() => parseCorefile("forward . 10.0.0.1\n")).toThrow(/outside a server block/);
    expect(() => parseCorefile("}\n")).toThrow(/closing brace/);
  });

  it("flag broken PowerShell", () => {
    expect(powershellShapeProblems("if ($x) { Write-Host 'a'\n")).toEqual(["unclosed {"]);
    expect(powershellShapeProblems("Write-Host 'a\n")).toEqual(["line 1: unterminated ' string"]);
    expect(powershellShapeProblems("Add-DnsServerConditionalForwarderZone -Name x -Bogus 1\n")).toEqual([
      "line 1: Add-DnsServerConditionalForwarderZone has no -Bogus parameter",
    ]);
    expect(powershellShapeProblems("Remove-Item x\n")).toEqual(["line 1: Remove-Item is not an expected cmdlet"]);
  });
});
