import { ACMClient, ListCertificatesCommand } from "@aws-sdk/client-acm";
import { CloudWatchLogsClient, DescribeLogGroupsCommand } from "@aws-sdk/client-cloudwatch-logs";
import { DescribeClientVpnEndpointsCommand, DescribeVpcEndpointsCommand, EC2Client } from "@aws-sdk/client-ec2";
import { getDb } from "@/db/client";
import { sandboxCloud } from "@/lib/aws/sandbox-link";
import { findByTags, tagFilters, type TaggedResourceKind } from "@/lib/engine/adopt";
import { connectionLogGroupName } from "../connection-log-steps";
import type { ClientVpnDeps } from "../step-env";

/** Shared by the Client VPN environment's integration tests: sandbox clients and what the sandbox holds. */

const REGION = "us-east-1";

const clients = new Map<string, { ec2: EC2Client; acm: ACMClient; logs: CloudWatchLogsClient }>();

function clientsFor(region: string) {
  let found = clients.get(region);
  if (!found) {
    const cloud = sandboxCloud();
    const config = { region, maxAttempts: 2, credentials: cloud.credentialsFor(cloud.providerAccountId), requestHandler: cloud.requestHandler() };
    found = { ec2: new EC2Client(config), acm: new ACMClient(config), logs: new CloudWatchLogsClient(config) };
    clients.set(region, found);
  }
  return found;
}

/**
 * The plan's dependencies with the provider's sandbox clients, outside Onramp's rate limiter (which
 * has tests of its own): AWS allows 0.3 CreateVpcEndpoint calls per second.
 */
export function testDeps(checkpoint?: ClientVpnDeps["checkpoint"]): ClientVpnDeps {
  return {
    ec2: (region) => clientsFor(region).ec2,
    acm: (region) => clientsFor(region).acm,
    logs: (region) => clientsFor(region).logs,
    db: getDb,
    checkpoint,
  };
}

export const testEc2 = () => clientsFor(REGION).ec2;
export const testAcm = () => clientsFor(REGION).acm;
export const testLogs = () => clientsFor(REGION).logs;

/** Calls that make a resource, as the sandbox logged them (only successful ones made anything). */
const RESOURCE_CREATES = new Set([
  "CreateVpc",
  "CreateSubnet",
  "CreateSecurityGroup",
  "CreateVpcEndpoint",
  "ImportCertificate",
  "CreateLogGroup",
  "CreateLogStream",
  "CreateClientVpnEndpoint",
  "AssociateClientVpnTargetNetwork",
  "AuthorizeClientVpnIngress",
]);

/** What one environment in us-east-1 makes: its two products (analytics, ledger) share two zones. */
export const EXPECTED_CREATES = {
  CreateVpc: 1,
  CreateSubnet: 2,
  CreateSecurityGroup: 2,
  CreateVpcEndpoint: 2,
  ImportCertificate: 2,
  CreateLogGroup: 1,
  CreateLogStream: 1,
  CreateClientVpnEndpoint: 1,
  AssociateClientVpnTargetNetwork: 2,
  AuthorizeClientVpnIngress: 2,
};

/** Successful creates since a point in the call log, by action. */
export function createsSince(since: number): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const call of sandboxCloud().calls().slice(since)) {
    if (call.status === 200 && RESOURCE_CREATES.has(call.action)) counts[call.action] = (counts[call.action] ?? 0) + 1;
  }
  return counts;
}

const KINDS: TaggedResourceKind[] = ["vpc", "subnet", "security-group"];
const LIVE_ENDPOINT = (state: string) => !["deleted", "deleting"].includes(state.toLowerCase());

/** Every live resource of the provider account tagged with this environment, by kind, plus its ACM certificates. */
export async function liveResourcesOf(environmentId: string): Promise<Record<string, number>> {
  const ec2 = testEc2();
  const tags = { "onramp:connection": environmentId };
  const counts: Record<string, number> = {};
  for (const kind of KINDS) counts[kind] = (await findByTags(ec2, kind, tags)).length;
  const endpoints = await ec2.send(new DescribeVpcEndpointsCommand({ Filters: tagFilters(tags) }));
  counts["vpc-endpoint"] = (endpoints.VpcEndpoints ?? []).filter((e) => LIVE_ENDPOINT(String(e.State ?? ""))).length;
  const cvpn = await ec2.send(new DescribeClientVpnEndpointsCommand({ Filters: tagFilters(tags) }));
  counts["client-vpn-endpoint"] = (cvpn.ClientVpnEndpoints ?? []).filter((e) => LIVE_ENDPOINT(e.Status?.Code ?? "")).length;
  // Certificates of every environment: the tests run one at a time in their own sandbox.
  counts.certificate = ((await testAcm().send(new ListCertificatesCommand({}))).CertificateSummaryList ?? []).length;
  const logGroupName = connectionLogGroupName(environmentId);
  const groups = await testLogs().send(new DescribeLogGroupsCommand({ logGroupNamePrefix: logGroupName }));
  counts["log-group"] = (groups.logGroups ?? []).filter((group) => group.logGroupName === logGroupName).length;
  return counts;
}

/** What one built environment holds. */
export const BUILT = { vpc: 1, subnet: 2, "security-group": 2, "vpc-endpoint": 2, "client-vpn-endpoint": 1, certificate: 2, "log-group": 1 };
export const NOTHING = { vpc: 0, subnet: 0, "security-group": 0, "vpc-endpoint": 0, "client-vpn-endpoint": 0, certificate: 0, "log-group": 0 };
