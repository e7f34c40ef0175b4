import { describe, expect, it } from "vitest";
import {
  cloudFormationSnippet,
  cliSnippet,
  dnsTestCommands,
  hclQuote,
  shellQuote,
  terraformSnippet,
  yamlQuote,
  zoneMappingCommand,
  type SnippetInput,
} from "./privatelink-snippets";

const input: SnippetInput = {
  region: "us-east-1",
  serviceName: "com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0",
  zoneIds: ["use1-az1", "use1-az2"],
  ports: [443, 5432],
  privateDnsName: "analytics.acme-saas.example",
  awsAccountId: "111122223333",
  name: "analytics",
};

const hostile: SnippetInput = {
  ...input,
  serviceName: `x"; rm -rf / #'$(id)\${var.x}%{ if true }\\`,
  name: "Ev'il\"${name}",
};

/** Braces, brackets and parentheses outside strings and comments must balance in HCL. */
function hclBalanced(source: string): boolean {
  const stack: string[] = [];
  const pairs: Record<string, string> = { "}": "{", "]": "[", ")": "(" };
  let inString = false;
  for (let i = 0; i < source.length; i += 1) {
    const ch = source[i];
    if (inString) {
      if (ch === "\\") i += 1;
      else if (ch === '"') inString = false;
      continue;
    }
    if (ch === '"') inString = true;
    else if (ch === "{" || ch === "[" || ch === "(") stack.push(ch);
    else if (ch === "}" || ch === "]" || ch === ")") {
      if (stack.pop() !== pairs[ch]) return false;
    }
  }
  return stack.length === 0 && !inString;
}

/**
 * The YAML subset the template uses: two-space indentation, `key: value` or `key:` lines and
 * `- item` lines, double-quoted scalars closed on the same line, no tabs.
 */
function yamlWellFormed(source: string): string[] {
  const problems: string[] = [];
  source
    .split("\n")
    .filter((line) => line.trim() !== "")
    .forEach((line, index) => {
      const indent = line.length - line.trimStart().length;
      if (line.includes("\t")) problems.push(`line ${index + 1}: tab`);
      if (indent % 2 !== 0) problems.push(`line ${index + 1}: odd indentation`);
      const body = line.trimStart().replace(/^- /, "");
      const match = /^([A-Za-z0-9]+):(?: (.*))?$/.exec(body);
      if (!match && !/^!Ref [A-Za-z]+$/.test(body)) problems.push(`line ${index + 1}: not key: value`);
      const value = match?.[2];
      if (value?.startsWith('"') && !/^"(?:[^"\\]|\\.)*"$/.test(value)) problems.push(`line ${index + 1}: bad quoted scalar`);
    });
  return problems;
}

describe("quoting", () => {
  it("shell-quotes so the value is one literal word", () => {
    expect(shellQuote("it's $(id)")).toBe(`'it'\\''s $(id)'`);
  });
  it("YAML-quotes backslashes, quotes and newlines", () => {
    expect(yamlQuote('a"b\\c\nd')).toBe('"a\\"b\\\\c\\nd"');
  });
  it("HCL-quotes interpolation and directive markers", () => {
    expect(hclQuote('${x} %{y} "z"')).toBe('"$${x} %%{y} \\"z\\""');
  });
});

describe("PrivateLink snippets", () => {
  it("fills the CLI snippet with the customer's values", () => {
    const cli = cliSnippet(input);
    expect(cli).toContain("--service-name 'com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0'");
    expect(cli).toContain("REGION='us-east-1'");
    expect(cli).toContain("--private-dns-enabled");
    expect(cli).toContain("--port 443");
    expect(cli).toContain("--port 5432");
    expect(cli).toContain("use1-az1, use1-az2");
    expect(cliSnippet({ ...input, privateDnsName: null })).toContain("--no-private-dns-enabled");
  });

  it("produces a well-formed CloudFormation template", () => {
    const yaml = cloudFormationSnippet(input);
    expect(yamlWellFormed(yaml)).toEqual([]);
    expect(yaml).toContain("Type: AWS::EC2::VPCEndpoint");
    expect(yaml).toContain('ServiceName: "com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0"');
    expect(yaml).toContain("PrivateDnsEnabled: true");
    expect(yaml.match(/IpProtocol: tcp/g)).toHaveLength(2);
  });

  it("produces Terraform with balanced braces", () => {
    const hcl = terraformSnippet(input);
    expect(hclBalanced(hcl)).toBe(true);
    expect(hcl).toContain('resource "aws_vpc_endpoint" "analytics" {');
    expect(hcl).toContain("security_group_ids  = [aws_security_group.analytics_privatelink.id]");
    expect(hcl).toContain("private_dns_enabled = true");
  });

  it("keeps hostile values inside their strings in every language", () => {
    expect(yamlWellFormed(cloudFormationSnippet(hostile))).toEqual([]);
    const hcl = terraformSnippet(hostile);
    expect(hclBalanced(hcl)).toBe(true);
    expect(hcl).not.toMatch(/[^$]\$\{var\.x\}/);
    expect(hcl).toContain('resource "aws_vpc_endpoint" "ev_il_name" {');
    const cli = cliSnippet(hostile);
    expect(cli).toContain(`--service-name 'x"; rm -rf / #'\\''$(id)\${var.x}%{ if true }\\'`);
  });
});

describe("helper commands", () => {
  it("maps every zone ID to the customer's zone name in one command", () => {
    expect(zoneMappingCommand("us-east-1", ["use1-az1", "use1-az4"])).toBe(
      [
        "aws ec2 describe-availability-zones --region us-east-1 \\",
        "  --zone-ids use1-az1 use1-az4 \\",
        '  --query "AvailabilityZones[].[ZoneId,ZoneName]" --output table',
      ].join("\n"),
    );
    expect(zoneMappingCommand("us-east-1", [`x'"; id`])).not.toMatch(/[;"']\s*id/);
  });
  it("gives a lookup and a check per port for each DNS name", () => {
    const [first] = dnsTestCommands(["vpce-1.example"], [443, 5432]);
    expect(first?.commands).toEqual(["nslookup 'vpce-1.example'", "curl -v 'https://vpce-1.example:443/'", "nc -vz 'vpce-1.example' 5432"]);
  });
});
