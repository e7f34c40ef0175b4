import "server-only";
import { DescribeVpnConnectionsCommand, GetVpnConnectionDeviceSampleConfigurationCommand, type VpnConnection } from "@aws-sdk/client-ec2";
import { and, eq, inArray } from "drizzle-orm";
import type { Db, DbOrTx } from "@/db/client";
import { planSteps } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record";
import type { Caller } from "@/lib/auth/caller";
import { can } from "@/lib/auth/permissions";
import { providerEc2 } from "@/lib/aws/clients";
import { awsErrorCode, isTransient, safeAwsMessage } from "@/lib/aws/errors";
import { hiddenKeyPlaceholder, hideKeys } from "@/lib/configs/hidden-keys";
import { otherCloudGuide, type OtherCloudGuide } from "@/lib/configs/other-cloud-vpn";
import {
  DeviceConfigurationError,
  parseCustomerGatewayConfiguration,
  renderGenericIkev2,
  type VpnDeviceConfig,
} from "@/lib/configs/vpn-device-config";
import { findSiteToSiteConnection, type SiteToSiteConnection } from "@/lib/dal/site-to-site-connections";
import { latestRunId } from "@/lib/engine/runs";
import { AppError } from "@/lib/errors";
import { vpnDeviceTypes } from "./device-types";
import { siteToSiteOutputs } from "./plan";

/**
 * The customer's device configuration: AWS's sample for their device
 * (GetVpnConnectionDeviceSampleConfiguration), or, when AWS has none or fails, a generic IKEv2
 * configuration built from the VPN connection's CustomerGatewayConfiguration.
 *
 * Both documents hold the tunnels' pre-shared keys. A copy with the keys goes only to callers with
 * connection.secrets, and each such download is audited; every other copy has them replaced by
 * placeholders (lib/configs/hidden-keys.ts).
 */

/** What the plan made that the configuration needs; null until AWS made the VPN connection available. */
export interface ProvisionedVpn {
  vpnConnectionId: string;
  landingCidr: string;
}

export async function provisionedVpn(db: DbOrTx, connectionId: string): Promise<ProvisionedVpn | null> {
  const runId = await latestRunId(db, connectionId, "provision");
  if (!runId) return null;
  const finished = await db
    .select({ name: planSteps.name, outputs: planSteps.outputs })
    .from(planSteps)
    .where(and(eq(planSteps.runId, runId), eq(planSteps.status, "succeeded"), inArray(planSteps.name, ["landingCidr", "vpnConnection"])));
  const landing = siteToSiteOutputs.landingCidr.safeParse(finished.find((step) => step.name === "landingCidr")?.outputs);
  const vpn = siteToSiteOutputs.vpnConnection.safeParse(finished.find((step) => step.name === "vpnConnection")?.outputs);
  if (!landing.success || !vpn.success) return null;
  return { vpnConnectionId: vpn.data.vpnConnectionId, landingCidr: landing.data.cidr };
}

function cloudError(error: unknown, what: string): AppError {
  if (!isTransient(error)) console.error(`[onramp] ${what} failed (${awsErrorCode(error)})`);
  return new AppError("cloud_error", safeAwsMessage(error));
}

type IkeVersion = "ikev1" | "ikev2";

/** IKEv2 unless a tunnel's options leave only IKEv1 (AWS allows both when none are chosen). */
function ikeVersionOf(vpn: VpnConnection): IkeVersion {
  const tunnels = vpn.Options?.TunnelOptions ?? [];
  const allowsIkev2 = tunnels.every((tunnel) => {
    const versions = (tunnel.IkeVersions ?? []).map((version) => version.Value);
    return versions.length === 0 || versions.includes("ikev2");
  });
  return allowsIkev2 ? "ikev2" : "ikev1";
}

interface VpnDocument {
  config: VpnDeviceConfig;
  ikeVersion: IkeVersion;
}

/** DescribeVpnConnections, read into our model. Holds the keys: never return it to a browser. */
async function readVpnDocument(region: string, vpnConnectionId: string): Promise<VpnDocument> {
  let vpn: VpnConnection | undefined;
  try {
    vpn = (await providerEc2(region).send(new DescribeVpnConnectionsCommand({ VpnConnectionIds: [vpnConnectionId] }))).VpnConnections?.[0];
  } catch (error) {
    throw cloudError(error, "DescribeVpnConnections");
  }
  if (!vpn?.CustomerGatewayConfiguration) {
    throw new AppError("conflict", "AWS has not published this VPN connection's configuration yet. Try again in a minute.");
  }
  try {
    return { config: parseCustomerGatewayConfiguration(vpn.CustomerGatewayConfiguration), ikeVersion: ikeVersionOf(vpn) };
  } catch (error) {
    if (!(error instanceof DeviceConfigurationError)) throw error;
    // The message names the missing field, never a value.
    console.error(`[onramp] the configuration of ${vpnConnectionId} is unreadable: ${error.message}`);
    throw new AppError("cloud_error", "AWS returned a VPN configuration Onramp cannot read. Support has the details.");
  }
}

type SampleResult = { ok: true; content: string } | { ok: false; reason: string };

async function awsSample(region: string, vpnConnectionId: string, deviceTypeId: string, ikeVersion: IkeVersion, device: string): Promise<SampleResult> {
  try {
    const result = await providerEc2(region).send(
      new GetVpnConnectionDeviceSampleConfigurationCommand({
        VpnConnectionId: vpnConnectionId,
        VpnConnectionDeviceTypeId: deviceTypeId,
        InternetKeyExchangeVersion: ikeVersion,
      }),
    );
    const content = result.VpnConnectionDeviceSampleConfiguration;
    if (content?.trim()) return { ok: true, content: content.endsWith("\n") ? content : `${content}\n` };
    return { ok: false, reason: `AWS returned an empty sample configuration for ${device}.` };
  } catch (error) {
    const code = awsErrorCode(error);
    if (code === "UnsupportedOperation") return { ok: false, reason: `AWS has no sample configuration for ${device}.` };
    if (!isTransient(error)) console.error(`[onramp] GetVpnConnectionDeviceSampleConfiguration for ${vpnConnectionId} failed (${code})`);
    return { ok: false, reason: `AWS's sample configuration for ${device} could not be fetched just now (${code}).` };
  }
}

/** "Cisco Systems, Inc. ASA 5500 Series (ASA 9.7+ VTI)"; the bare id when AWS's list cannot be read. */
async function deviceLabel(region: string, deviceTypeId: string): Promise<string> {
  try {
    const type = (await vpnDeviceTypes(region)).find((candidate) => candidate.id === deviceTypeId);
    // AWS's generic entry repeats its vendor as its platform ("Generic", "Generic").
    if (type) return `${type.platform === type.vendor ? type.vendor : `${type.vendor} ${type.platform}`} (${type.software})`;
  } catch (error) {
    // Only the label depends on the list; the configuration itself does not.
    console.error(`[onramp] GetVpnConnectionDeviceTypes failed (${awsErrorCode(error)})`);
  }
  return `device type ${deviceTypeId}`;
}

function slug(text: string, maxLength: number): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .slice(0, maxLength)
    .replace(/^-+|-+$/g, "");
}

export type DeviceConfigurationSource = "aws_sample" | "generic";

export interface DeviceConfigurationFile {
  /** ASCII letters, digits, dots and hyphens only: safe in a Content-Disposition header as is. */
  filename: string;
  content: string;
  source: DeviceConfigurationSource;
  device: string;
  ikeVersion: IkeVersion;
  keysIncluded: boolean;
  /** Why AWS's sample was not used, when it was not. */
  fallbackReason: string | null;
}

/** AWS's samples comment with "!" (Cisco-style) or "#"; notes added on top follow the document. */
function commentPrefix(content: string): string {
  const first = content.split("\n").find((line) => line.trim() !== "");
  return first?.trimStart().startsWith("!") ? "!" : "#";
}

function hiddenKeysNote(config: VpnDeviceConfig): string[] {
  const placeholders = config.tunnels.map((tunnel) => hiddenKeyPlaceholder(tunnel.number)).join(", ");
  return [
    `The pre-shared keys are hidden in this copy (${placeholders}).`,
    "An admin of your organisation can reveal them on this connection's page in Onramp,",
    "or download this file with the keys there.",
  ];
}

async function buildDeviceConfiguration(
  connection: SiteToSiteConnection,
  vpn: ProvisionedVpn,
  document: VpnDocument,
  includeKeys: boolean,
): Promise<DeviceConfigurationFile> {
  const { region, deviceTypeId, siteName, onPremCidrs } = connection.params;
  const { config, ikeVersion } = document;
  const device = await deviceLabel(region, deviceTypeId);
  const sample = await awsSample(region, vpn.vpnConnectionId, deviceTypeId, ikeVersion, device);
  const keys = config.tunnels.map((tunnel) => ({ tunnel: tunnel.number, preSharedKey: tunnel.preSharedKey }));
  const body = sample.ok
    ? includeKeys
      ? sample.content
      : hideKeys(sample.content, keys)
    : renderGenericIkev2(config, { revealSecrets: includeKeys, awsSideCidrs: [vpn.landingCidr], onPremCidrs });
  const notes = [
    ...(sample.ok ? [] : [sample.reason, "Below are the same settings for any IKEv2 device, read from your VPN connection."]),
    ...(includeKeys ? [] : hiddenKeysNote(config)),
  ];
  const prefix = commentPrefix(body);
  const content = notes.length > 0 ? `${notes.map((note) => `${prefix} ${note}`).join("\n")}\n\n${body}` : body;
  const deviceSlug = sample.ok ? slug(device, 48) : "generic-ikev2";
  return {
    filename: `${[slug(siteName, 40) || "site", vpn.vpnConnectionId, deviceSlug].join("-")}${includeKeys ? "" : "-keys-hidden"}.txt`,
    content,
    source: sample.ok ? "aws_sample" : "generic",
    device,
    ikeVersion,
    keysIncluded: includeKeys,
    fallbackReason: sample.ok ? null : sample.reason,
  };
}

async function readyVpn(db: DbOrTx, connection: SiteToSiteConnection): Promise<ProvisionedVpn> {
  if (connection.status === "removing" || connection.status === "removed") {
    throw new AppError("conflict", "This connection is being removed; its VPN configuration is no longer offered.");
  }
  const vpn = await provisionedVpn(db, connection.id);
  if (!vpn) throw new AppError("conflict", "The VPN connection is not ready yet: AWS usually takes 3 to 10 minutes to create it.");
  return vpn;
}

/**
 * The configuration file for the download route. With keys only for connection.secrets, and
 * audited; another tenant's connection is "not found" before anything else is checked.
 */
export async function downloadDeviceConfiguration(
  db: Db,
  caller: Caller,
  connectionId: string,
  options: { includeKeys: boolean },
): Promise<DeviceConfigurationFile> {
  const connection = await findSiteToSiteConnection(db, caller, connectionId);
  if (options.includeKeys && !can(caller.role, "connection.secrets")) {
    throw new AppError("forbidden", "Your role does not allow downloading the pre-shared keys. Download the configuration without them.");
  }
  const vpn = await readyVpn(db, connection);
  const document = await readVpnDocument(connection.params.region, vpn.vpnConnectionId);
  const file = await buildDeviceConfiguration(connection, vpn, document, options.includeKeys);
  if (options.includeKeys) {
    await recordAudit(db, caller, {
      action: "connection.secret.download",
      tenantId: connection.tenantId,
      targetType: "connection",
      targetId: connection.id,
      detail: { secret: "tunnel pre-shared keys", file: "device configuration", source: file.source, vpnConnectionId: vpn.vpnConnectionId },
    });
  }
  return file;
}

/** What the connection page shows of the VPN once it exists: keys always hidden. */
export interface VpnDeliverables {
  vpnConnectionId: string;
  file: DeviceConfigurationFile;
  /** The customer's steps in their cloud (Azure, Google Cloud, Oracle), or null. */
  cloudGuide: OtherCloudGuide | null;
}

/** Null until the VPN connection is available. `connection` comes from a tenant-scoped read. */
export async function vpnDeliverables(db: Db, connection: SiteToSiteConnection): Promise<VpnDeliverables | null> {
  if (connection.status === "removing" || connection.status === "removed") return null;
  const vpn = await provisionedVpn(db, connection.id);
  if (!vpn) return null;
  const document = await readVpnDocument(connection.params.region, vpn.vpnConnectionId);
  const { cloud } = connection.params;
  return {
    vpnConnectionId: vpn.vpnConnectionId,
    file: await buildDeviceConfiguration(connection, vpn, document, false),
    cloudGuide: cloud ? otherCloudGuide(cloud, document.config, { revealSecrets: false, awsSideCidrs: [vpn.landingCidr] }) : null,
  };
}
