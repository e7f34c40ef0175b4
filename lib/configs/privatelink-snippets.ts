/**
 * Ready-to-paste snippets that create a customer's interface endpoint to one of our endpoint
 * services: AWS CLI, CloudFormation (YAML) and Terraform. Values Onramp knows are filled in; the
 * customer's own VPC, subnets and client CIDR are inputs of each snippet (shell variables,
 * template parameters, Terraform variables), because only the customer knows them.
 *
 * Every inserted value is escaped for its language, even though it comes from AWS or from
 * validated input: a snippet is code the customer runs.
 */
export interface SnippetInput {
  region: string;
  serviceName: string;
  /** The zone IDs the service runs in; the customer picks one subnet in each that they use. */
  zoneIds: string[];
  ports: number[];
  privateDnsName: string | null;
  awsAccountId: string;
  /** A short name used for resource names/tags, e.g. the product slug. */
  name: string;
}

export interface PrivateLinkSnippets {
  cli: string;
  cloudFormation: string;
  terraform: string;
}

/** POSIX shell single-quoting: the only character to handle is the quote itself. */
export function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/** A YAML double-quoted scalar. */
export function yamlQuote(value: string): string {
  const escaped = value
    .replace(/\\/g, "\\\\")
    .replace(/"/g, '\\"')
    .replace(/\n/g, "\\n")
    .replace(/\r/g, "\\r")
    .replace(/\t/g, "\\t");
  return `"${escaped}"`;
}

/** An HCL quoted string: `${` and `%{` start interpolations and directives, so they are doubled. */
export function hclQuote(value: string): string {
  const escaped = value
    .replace(/\\/g, "\\\\")
    .replace(/"/g, '\\"')
    .replace(/\n/g, "\\n")
    .replace(/\r/g, "\\r")
    .replace(/\t/g, "\\t")
    .replace(/\$\{/g, () => "$${")
    .replace(/%\{/g, "%%{");
  return `"${escaped}"`;
}

/** Lower-case letters, digits and dashes, for resource names. */
function resourceName(value: string): string {
  return value.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 40) || "service";
}

function portsSentence(ports: number[]): string {
  return ports.length ? ports.join(", ") : "(none registered)";
}

export function cliSnippet(input: SnippetInput): string {
  const name = resourceName(input.name);
  const lines = [
    `# Creates an interface endpoint to ${input.serviceName} in account ${input.awsAccountId}.`,
    `# Use one subnet in each zone you need, among the zones the service runs in: ${input.zoneIds.join(", ")}.`,
    "# Fill in these three values first:",
    `VPC_ID='vpc-...'`,
    `SUBNET_IDS='subnet-... subnet-...'`,
    `CLIENT_CIDR='10.0.0.0/16'   # who may call the service, e.g. your VPC's CIDR`,
    "",
    `REGION=${shellQuote(input.region)}`,
    `SG_ID=$(aws ec2 create-security-group --region "$REGION" --vpc-id "$VPC_ID" \\`,
    `  --group-name ${shellQuote(`${name}-privatelink`)} --description ${shellQuote(`Clients of ${input.serviceName}`)} \\`,
    `  --query GroupId --output text)`,
    ...input.ports.map(
      (port) => `aws ec2 authorize-security-group-ingress --region "$REGION" --group-id "$SG_ID" --protocol tcp --port ${port} --cidr "$CLIENT_CIDR"`,
    ),
    `aws ec2 create-vpc-endpoint --region "$REGION" \\`,
    `  --vpc-endpoint-type Interface \\`,
    `  --vpc-id "$VPC_ID" \\`,
    `  --service-name ${shellQuote(input.serviceName)} \\`,
    `  --subnet-ids $SUBNET_IDS \\`,
    `  --security-group-ids "$SG_ID" \\`,
    input.privateDnsName ? "  --private-dns-enabled \\" : "  --no-private-dns-enabled \\",
    `  --query VpcEndpoint.VpcEndpointId --output text`,
  ];
  return `${lines.join("\n")}\n`;
}

export function cloudFormationSnippet(input: SnippetInput): string {
  const ingress = input.ports.flatMap((port) => [
    "        - IpProtocol: tcp",
    `          FromPort: ${port}`,
    `          ToPort: ${port}`,
    "          CidrIp: !Ref ClientCidr",
  ]);
  const lines = [
    'AWSTemplateFormatVersion: "2010-09-09"',
    `Description: ${yamlQuote(`Interface endpoint to ${input.serviceName} (ports ${portsSentence(input.ports)})`)}`,
    "Parameters:",
    "  VpcId:",
    "    Type: AWS::EC2::VPC::Id",
    "  SubnetIds:",
    "    Type: List<AWS::EC2::Subnet::Id>",
    `    Description: ${yamlQuote(`One subnet per zone you use; the service runs in ${input.zoneIds.join(", ")}`)}`,
    "  ClientCidr:",
    "    Type: String",
    `    Description: ${yamlQuote("Who may call the service, e.g. your VPC's CIDR")}`,
    "Resources:",
    "  EndpointSecurityGroup:",
    "    Type: AWS::EC2::SecurityGroup",
    "    Properties:",
    `      GroupDescription: ${yamlQuote(`Clients of ${input.serviceName}`)}`,
    "      VpcId: !Ref VpcId",
    ...(ingress.length ? ["      SecurityGroupIngress:", ...ingress] : []),
    "  InterfaceEndpoint:",
    "    Type: AWS::EC2::VPCEndpoint",
    "    Properties:",
    "      VpcEndpointType: Interface",
    `      ServiceName: ${yamlQuote(input.serviceName)}`,
    "      VpcId: !Ref VpcId",
    "      SubnetIds: !Ref SubnetIds",
    "      SecurityGroupIds:",
    "        - !Ref EndpointSecurityGroup",
    `      PrivateDnsEnabled: ${input.privateDnsName ? "true" : "false"}`,
    "Outputs:",
    "  EndpointId:",
    "    Value: !Ref InterfaceEndpoint",
  ];
  return `${lines.join("\n")}\n`;
}

export function terraformSnippet(input: SnippetInput): string {
  const name = resourceName(input.name).replace(/-/g, "_");
  const ingress = input.ports.flatMap((port) => [
    "  ingress {",
    `    from_port   = ${port}`,
    `    to_port     = ${port}`,
    '    protocol    = "tcp"',
    "    cidr_blocks = [var.client_cidr]",
    "  }",
  ]);
  const lines = [
    "provider \"aws\" {",
    `  region = ${hclQuote(input.region)}`,
    "}",
    "",
    'variable "vpc_id" {',
    "  type = string",
    "}",
    "",
    'variable "subnet_ids" {',
    `  description = ${hclQuote(`One subnet per zone you use; the service runs in ${input.zoneIds.join(", ")}`)}`,
    "  type        = list(string)",
    "}",
    "",
    'variable "client_cidr" {',
    `  description = ${hclQuote("Who may call the service, e.g. your VPC's CIDR")}`,
    "  type        = string",
    "}",
    "",
    `resource "aws_security_group" ${hclQuote(`${name}_privatelink`)} {`,
    `  description = ${hclQuote(`Clients of ${input.serviceName}`)}`,
    "  vpc_id      = var.vpc_id",
    ...ingress,
    "}",
    "",
    `resource "aws_vpc_endpoint" ${hclQuote(name)} {`,
    "  vpc_endpoint_type   = \"Interface\"",
    `  service_name        = ${hclQuote(input.serviceName)}`,
    "  vpc_id              = var.vpc_id",
    "  subnet_ids          = var.subnet_ids",
    `  security_group_ids  = [aws_security_group.${name}_privatelink.id]`,
    `  private_dns_enabled = ${input.privateDnsName ? "true" : "false"}`,
    "}",
    "",
    'output "endpoint_id" {',
    `  value = aws_vpc_endpoint.${name}.id`,
    "}",
  ];
  return `${lines.join("\n")}\n`;
}

export function privateLinkSnippets(input: SnippetInput): PrivateLinkSnippets {
  return { cli: cliSnippet(input), cloudFormation: cloudFormationSnippet(input), terraform: terraformSnippet(input) };
}

/**
 * One command that prints, for each of the service's zone IDs, the customer's own zone name for it
 * (names differ per account, IDs do not).
 */
export function zoneMappingCommand(region: string, zoneIds: readonly string[]): string {
  // Zone IDs and regions are lower-case letters, digits and dashes; anything else is dropped so the
  // command needs no quoting beyond the JMESPath query's.
  const safe = (value: string) => value.replace(/[^a-z0-9-]/g, "");
  return [
    `aws ec2 describe-availability-zones --region ${safe(region)} \\`,
    `  --zone-ids ${zoneIds.map(safe).filter(Boolean).join(" ")} \\`,
    `  --query "AvailabilityZones[].[ZoneId,ZoneName]" --output table`,
  ].join("\n");
}

export interface DnsTestCommand {
  dnsName: string;
  commands: string[];
}

/** For each DNS name: a lookup, then a TLS request on 443 and a TCP check on every other port. */
export function dnsTestCommands(dnsNames: string[], ports: number[]): DnsTestCommand[] {
  return dnsNames.map((dnsName) => ({
    dnsName,
    commands: [
      `nslookup ${shellQuote(dnsName)}`,
      ...ports.map((port) => (port === 443 ? `curl -v ${shellQuote(`https://${dnsName}:443/`)}` : `nc -vz ${shellQuote(dnsName)} ${port}`)),
    ],
  }));
}
