import "server-only";
import { and, eq, isNull, ne } from "drizzle-orm";
import type { Db, DbOrTx } from "@/db/client";
import { connections, ipamAllocations, productRegions, products } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record";
import type { Caller } from "@/lib/auth/caller";
import { fieldErrorsOf } from "@/lib/auth/guard";
import { tenantFor } from "@/lib/auth/tenant-scope";
import { awsErrorCode, isTransient, safeAwsMessage } from "@/lib/aws/errors";
import { planProductColumns, type PlanProduct } from "@/lib/connectivity/landing-network/plan-product";
import { assertRoomForConnection } from "@/lib/dal/connections";
import { findSiteToSiteConnection, type SiteToSiteParams } from "@/lib/dal/site-to-site-connections";
import { startProvision } from "@/lib/engine/runs";
import { wakeLocalWorkers } from "@/lib/engine/wake";
import { AppError } from "@/lib/errors";
import { firstFreeBlock } from "@/lib/ipam/first-free-block";
import { DEFAULT_LANDING_POOL } from "@/lib/ipam/landing-pool";
import { formatCidr, overlaps, requireCidr } from "@/lib/net/cidr";
import { failedRunToRetry, insertRequestedConnection, invalid, retryFailedConnection, startConnectionRemoval } from "../connection-requests-common";
import { markRemoved } from "./connection-lifecycle";
import { readSecrets, storeSecrets, TUNNEL_PSK_NAMES } from "./connection-secrets";
import { deviceTypeIds } from "./device-types";
import { AZURE_APIPA_RANGE, siteToSiteInputFor, type SiteToSiteInput } from "./input";
import { AMAZON_SIDE_ASN, type SiteToSitePlanInput } from "./plan-input";
import { siteToSitePlan } from "./plan";

/**
 * What people do to Site-to-Site connections. Each checks what it can before accepting, records
 * the intent and the engine's run in one transaction, and returns; the engine does the AWS work.
 */

function cloudError(error: unknown, what: string): AppError {
  if (!isTransient(error)) console.error(`[onramp] ${what} failed (${awsErrorCode(error)})`);
  return new AppError("cloud_error", safeAwsMessage(error));
}

/** Most zones a landing VPC uses: two are required, a third adds resilience; a /24 holds four /26s. */
const MAX_ZONES = 3;

function commonZones(rows: ReadonlyArray<{ zoneIds: string[] }>): string[] {
  const [first, ...rest] = rows;
  if (!first) return [];
  return [...first.zoneIds].filter((zone) => rest.every((row) => row.zoneIds.includes(zone))).sort().slice(0, MAX_ZONES);
}

/** Whether the landing pool still has a block clear of these networks (the allocation itself happens in the plan). */
async function landingPoolHasRoom(db: DbOrTx, customerCidrs: readonly string[]): Promise<boolean> {
  const live = await db.select({ cidr: ipamAllocations.cidr }).from(ipamAllocations).where(isNull(ipamAllocations.releasedAt));
  const blocked = [...customerCidrs, ...live.map((row) => row.cidr)].map(requireCidr);
  return DEFAULT_LANDING_POOL.cidrs.some((pool) => firstFreeBlock(requireCidr(pool), DEFAULT_LANDING_POOL.blockPrefix, blocked) !== null);
}

/**
 * Azure takes BGP peer addresses only in 169.254.21.0-169.254.22.255. Where the customer chose
 * none, pick /30s there that no other live connection of the region uses: on the shared transit
 * gateway, AWS refuses an inside CIDR another VPN already has.
 */
async function azureInsideCidrs(db: DbOrTx, region: string, given: ReadonlyArray<string | null>): Promise<[string | null, string | null]> {
  const rows = await db
    .select({ params: connections.params })
    .from(connections)
    .where(and(eq(connections.type, "site_to_site"), ne(connections.status, "removed")));
  const used = rows.flatMap((row) => {
    const params = row.params;
    if (!params || params.region !== region || !Array.isArray(params.tunnelInsideCidrs)) return [];
    return params.tunnelInsideCidrs.flatMap((cidr) => (typeof cidr === "string" ? [requireCidr(cidr)] : []));
  });
  const taken = [...used, ...given.flatMap((cidr) => (cidr ? [requireCidr(cidr)] : []))];
  const first = requireCidr(`${AZURE_APIPA_RANGE.first}/30`).base;
  const last = requireCidr(`${AZURE_APIPA_RANGE.last}/32`).base;
  const pick = (): string => {
    for (let base = first; base + 3 <= last; base += 4) {
      const candidate = { base, prefix: 30 };
      if (!taken.some((cidr) => overlaps(cidr, candidate))) {
        taken.push(candidate);
        return formatCidr(candidate);
      }
    }
    throw new AppError("conflict", "Every Azure BGP address range (169.254.21.0 to 169.254.22.255) is in use in this region. Enter tunnel inside CIDRs of your own.");
  };
  return [given[0] ?? pick(), given[1] ?? pick()];
}

interface OfferedProduct extends PlanProduct {
  region: string;
  zoneIds: string[];
}

async function offeredProducts(db: DbOrTx): Promise<OfferedProduct[]> {
  return db
    .select({ ...planProductColumns, region: productRegions.region })
    .from(productRegions)
    .innerJoin(products, eq(products.id, productRegions.productId));
}

/**
 * Validates a request against AWS's device list and the catalog, checks there is room for it, and
 * records the connection, its products, the customer's own pre-shared keys (encrypted) and the
 * provisioning run in one transaction.
 *
 * Headroom: the landing address pool is checked here. AWS's own quotas (VPCs, virtual private
 * gateways, resolver endpoints per region) are not: DescribeAccountAttributes does not report
 * them (Service Quotas does, a client Onramp does not have, nor does the sandbox), so a request
 * past a quota fails at that step with AWS's LimitExceeded code shown to support.
 */
export async function createSiteToSite(db: Db, caller: Caller, request: SiteToSiteInput): Promise<{ id: string }> {
  const tenantId = tenantFor(caller);
  const catalog = await offeredProducts(db);
  const byId = new Map(catalog.map((product) => [product.productRegionId, product]));
  // AWS lists the same device types in every region; an unknown product id is reported by the schema below.
  const listingRegion = byId.get(request.productRegionIds[0] ?? "")?.region ?? catalog[0]?.region;
  if (!listingRegion) throw invalid("productRegionIds", "The provider offers no products yet.");
  let deviceTypes: string[];
  try {
    deviceTypes = await deviceTypeIds(listingRegion);
  } catch (error) {
    throw cloudError(error, "GetVpnConnectionDeviceTypes");
  }
  const checked = siteToSiteInputFor({
    deviceTypeIds: deviceTypes,
    productRegions: new Map(catalog.map((product) => [product.productRegionId, product.region])),
    amazonSideAsn: AMAZON_SIDE_ASN,
  }).safeParse(request);
  if (!checked.success) throw new AppError("invalid_input", "Please correct the highlighted fields.", fieldErrorsOf(checked.error));
  const input = checked.data;

  const chosen = input.productRegionIds.flatMap((id) => byId.get(id) ?? []);
  const region = chosen[0]?.region;
  if (!region) throw invalid("productRegionIds", "Choose at least one product.");
  await assertRoomForConnection(db, tenantId);
  const zoneIds = commonZones(chosen);
  if (zoneIds.length < 2) {
    throw invalid("productRegionIds", `These products share fewer than two availability zones in ${region}; choose them for separate sites.`);
  }
  if (!(await landingPoolHasRoom(db, input.onPremCidrs))) {
    throw invalid(
      "onPremCidrs",
      `No landing network is free that avoids your networks: every /${DEFAULT_LANDING_POOL.blockPrefix} in ${DEFAULT_LANDING_POOL.cidrs.join(", ")} is in use or overlaps them. Nothing was created.`,
    );
  }
  const given: [string | null, string | null] = [input.tunnels?.[0]?.insideCidr ?? null, input.tunnels?.[1]?.insideCidr ?? null];
  const cloud = input.location === "other_cloud" ? (input.cloud ?? null) : null;
  const tunnelInsideCidrs = cloud === "azure" && input.routing.type === "bgp" ? await azureInsideCidrs(db, region, given) : given;

  const params: SiteToSiteParams = {
    region,
    siteName: input.siteName,
    location: input.location,
    cloud,
    deviceIp: input.deviceIp,
    deviceTypeId: input.deviceTypeId,
    routing: input.routing,
    onPremCidrs: input.onPremCidrs,
    accelerated: input.accelerated,
    tunnelInsideCidrs,
  };
  const planInput: SiteToSitePlanInput = {
    region,
    siteName: params.siteName,
    deviceIp: params.deviceIp,
    routing: params.routing,
    onPremCidrs: params.onPremCidrs,
    accelerated: params.accelerated,
    cloud,
    tunnelInsideCidrs,
    products: chosen.map(({ productRegionId, productName, serviceId, serviceName, privateDnsName, ports }) => ({
      productRegionId,
      productName,
      serviceId,
      serviceName,
      privateDnsName,
      ports,
    })),
    zoneIds,
  };
  const chosenKeys = TUNNEL_PSK_NAMES.flatMap((name, index) => {
    const key = input.tunnels?.[index]?.preSharedKey;
    return key ? [{ name, plaintext: key }] : [];
  });

  const id = await db.transaction(async (tx) => {
    const connectionId = await insertRequestedConnection(tx, caller, {
      tenantId,
      type: "site_to_site",
      location: input.location,
      label: input.siteName,
      params: { ...params },
      productRegionIds: chosen.map((product) => product.productRegionId),
      message: `Requested a Site-to-Site VPN from ${input.siteName} (${input.deviceIp}) to ${chosen.map((p) => p.productName).join(", ")} in ${region}.`,
      auditDetail: {
        region,
        routing: input.routing.type,
        accelerated: input.accelerated,
        products: chosen.length,
        customerKeys: chosenKeys.length > 0,
      },
    });
    if (chosenKeys.length > 0) await storeSecrets(tx, connectionId, chosenKeys);
    await startProvision(tx, siteToSitePlan, { connectionId, tenantId, input: planInput });
    return connectionId;
  });
  // startProvision woke the workers inside the transaction, before they could see the run.
  wakeLocalWorkers();
  return { id };
}

/** Starts the removal: the engine deletes everything in reverse and finally releases the landing block. */
export async function removeSiteToSite(db: Db, caller: Caller, connectionId: string): Promise<void> {
  const connection = await findSiteToSiteConnection(db, caller, connectionId);
  await startConnectionRemoval(db, caller, connection, siteToSitePlan, markRemoved);
}

/** Support's retry: the failed run (provisioning or removal) continues from its failed step. */
export async function retrySiteToSite(db: Db, caller: Caller, connectionId: string): Promise<void> {
  const connection = await findSiteToSiteConnection(db, caller, connectionId);
  const run = await failedRunToRetry(db, connectionId);
  await retryFailedConnection(db, caller, connection, run);
}

export interface RevealedKey {
  tunnel: number;
  preSharedKey: string;
}

/** The tunnels' pre-shared keys, for the customer's device. Every reveal is audited. */
export async function revealPreSharedKeys(db: Db, caller: Caller, connectionId: string): Promise<RevealedKey[]> {
  const connection = await findSiteToSiteConnection(db, caller, connectionId);
  if (connection.status === "removed") throw new AppError("conflict", "This connection was removed; its keys were destroyed.");
  const secrets = await readSecrets(db, connectionId, TUNNEL_PSK_NAMES);
  const keys = TUNNEL_PSK_NAMES.flatMap((name, index) => {
    const key = secrets.get(name);
    return key ? [{ tunnel: index + 1, preSharedKey: key }] : [];
  });
  if (keys.length < TUNNEL_PSK_NAMES.length) {
    throw new AppError("conflict", "The pre-shared keys are not known yet: AWS is still creating the VPN connection.");
  }
  await recordAudit(db, caller, {
    action: "connection.secret.reveal",
    tenantId: connection.tenantId,
    targetType: "connection",
    targetId: connectionId,
    detail: { secret: "tunnel pre-shared keys" },
  });
  return keys;
}
