import { randomUUID } from "node:crypto";
import { ACMClient, ImportCertificateCommand } from "@aws-sdk/client-acm";
import { CreateLogGroupCommand, CreateLogStreamCommand } from "@aws-sdk/client-cloudwatch-logs";
import {
  AssociateClientVpnTargetNetworkCommand,
  CreateClientVpnEndpointCommand,
  CreateSecurityGroupCommand,
  CreateSubnetCommand,
  CreateVpcCommand,
} from "@aws-sdk/client-ec2";
import type { Db } from "@/db/client";
import type { Caller } from "@/lib/auth/caller";
import { providerEc2, providerLogs } from "@/lib/aws/clients";
import { sandboxCloud } from "@/lib/aws/sandbox-link";
import { createClientCa, createRootCa } from "@/lib/pki/ca";
import { issueClientTrustCertificate } from "@/lib/pki/client-trust-certificate";
import type { IssuedCertificate } from "@/lib/pki/issue-certificate";
import { issueServerCertificate } from "@/lib/pki/server-certificate";
import { SandboxError } from "@/lib/sandbox/sandbox-error";
import { createTenant, createUser, type TestTenant } from "@/lib/testing/fixtures";
import type { ConnectionLogRef } from "../connection-log";
import type { DeviceEndpoint } from "../endpoint";

/**
 * For the device tests: a Client VPN endpoint in the sandbox cloud, built directly through the SDK
 * with Onramp's own PKI (the environment plan is another module's job), and two tenants on it.
 */

export const REGION = "us-east-1";

export interface TestEndpoint extends DeviceEndpoint {
  root: IssuedCertificate;
  dnsName: string;
  /** The log group and stream the endpoint logs connections to, when made with one. */
  connectionLog: ConnectionLogRef | null;
}

/** A fresh log group with one stream, for an endpoint with connection logging. */
async function createLogGroup(): Promise<ConnectionLogRef> {
  const logs = providerLogs(REGION);
  const ref = { logGroupName: `/onramp/test/${randomUUID()}`, logStreamName: "connections" };
  await logs.send(new CreateLogGroupCommand({ logGroupName: ref.logGroupName }));
  await logs.send(new CreateLogStreamCommand(ref));
  return ref;
}

function sandboxAcm(): ACMClient {
  const cloud = sandboxCloud();
  return new ACMClient({ region: REGION, credentials: cloud.credentialsFor(cloud.providerAccountId), requestHandler: cloud.requestHandler(), maxAttempts: 1 });
}

const bytes = (pem: string) => new TextEncoder().encode(pem);

async function importIntoAcm(acm: ACMClient, issued: IssuedCertificate): Promise<string> {
  const { CertificateArn } = await acm.send(
    new ImportCertificateCommand({ Certificate: bytes(issued.certificatePem), PrivateKey: bytes(issued.privateKeyPem), CertificateChain: bytes(issued.chainPem) }),
  );
  if (!CertificateArn) throw new Error("ACM returned no certificate ARN");
  return CertificateArn;
}

/**
 * An available endpoint (the sandbox's instant profile associates at once) trusting a fresh client
 * CA; with `connectionLog`, it logs connections to a log group of its own.
 */
export async function createTestEndpoint(options: { connectionLog?: boolean } = {}): Promise<TestEndpoint> {
  const connectionLog = options.connectionLog ? await createLogGroup() : null;
  const root = await createRootCa({ commonName: "Device Test Root CA" });
  const clientCa = await createClientCa(root, { commonName: "Device Test Client CA" });
  const acm = sandboxAcm();
  const serverArn = await importIntoAcm(acm, await issueServerCertificate(root, { region: REGION }));
  const trustArn = await importIntoAcm(acm, await issueClientTrustCertificate(clientCa, { region: REGION }));

  const ec2 = providerEc2(REGION);
  const { Vpc } = await ec2.send(new CreateVpcCommand({ CidrBlock: "10.90.0.0/24" }));
  const vpcId = Vpc?.VpcId ?? "";
  const { Subnet } = await ec2.send(new CreateSubnetCommand({ VpcId: vpcId, CidrBlock: "10.90.0.0/26", AvailabilityZoneId: "use1-az1" }));
  const { GroupId } = await ec2.send(new CreateSecurityGroupCommand({ VpcId: vpcId, GroupName: `cvpn-${Date.now()}`, Description: "devices test" }));
  const created = await ec2.send(
    new CreateClientVpnEndpointCommand({
      ClientCidrBlock: "10.144.0.0/20",
      ServerCertificateArn: serverArn,
      AuthenticationOptions: [{ Type: "certificate-authentication", MutualAuthentication: { ClientRootCertificateChainArn: trustArn } }],
      ConnectionLogOptions: connectionLog
        ? { Enabled: true, CloudwatchLogGroup: connectionLog.logGroupName, CloudwatchLogStream: connectionLog.logStreamName }
        : { Enabled: false },
      SplitTunnel: true,
      VpcId: vpcId,
      SecurityGroupIds: GroupId ? [GroupId] : [],
    }),
  );
  const clientVpnEndpointId = created.ClientVpnEndpointId ?? "";
  await ec2.send(new AssociateClientVpnTargetNetworkCommand({ ClientVpnEndpointId: clientVpnEndpointId, SubnetId: Subnet?.SubnetId }));
  return {
    region: REGION,
    clientVpnEndpointId,
    clientCa: { certificatePem: clientCa.certificatePem, privateKeyPem: clientCa.privateKeyPem, chainPem: clientCa.chainPem },
    root,
    dnsName: (created.DnsName ?? "").replace(/^\*\./, ""),
    connectionLog,
  };
}

export interface TestTenantWithUsers {
  tenant: TestTenant;
  admin: Caller;
  viewer: Caller;
}

export async function createTenantWithUsers(db: Db, name: string): Promise<TestTenantWithUsers> {
  const tenant = await createTenant(db, name);
  return {
    tenant,
    admin: await createUser(db, { role: "customer_admin", tenantId: tenant.id }),
    viewer: await createUser(db, { role: "customer_viewer", tenantId: tenant.id }),
  };
}

/** A device connecting through the sandbox ("simulate your side") with the certificate from its .ovpn. */
export function connectWithConfiguration(endpoint: DeviceEndpoint, ovpn: string): string {
  const certificatePem = /<cert>\n([\s\S]*?)\n<\/cert>/.exec(ovpn)?.[1];
  if (!certificatePem) throw new Error("the configuration has no <cert> block");
  return sandboxCloud().connectClientVpnDevice(endpoint.clientVpnEndpointId, { certificatePem });
}

/** The sandbox's error code when the endpoint refuses a device's connect; undefined when it lets it in. */
export function refusalCode(connect: () => unknown): string | undefined {
  try {
    connect();
  } catch (error) {
    if (error instanceof SandboxError) return error.code;
    throw error;
  }
  return undefined;
}
