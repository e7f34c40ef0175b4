import { getDb, type Db } from "@/db/client";
import { startPeriodicLoop } from "@/lib/engine/periodic-loop";
import { expireDevices, purgeExpiredDownloads } from "./devices/expiry";
import { flushDueRevocations, type FlushResult } from "./devices/revocation-import";
import type { EndpointRef } from "./devices/endpoint";
import { addMissingClientVpnProducts, type MissingProductsPass } from "./missing-products";
import { clientVpnProductAdditionPlan } from "./plans";
import { resolveDeviceEndpoint } from "./region-environment";

/**
 * The time-driven part of Client VPN, run by every engine worker process: devices whose expiry
 * passed are revoked, unused download links lose their keys, endpoints whose revocation batch is
 * due get their list imported, and available environments lacking a product the catalog has begun
 * offering in their region start gaining it (missing-products.ts). Several processes may run it
 * at once: expiry and purging are compare-and-set per row, an import holds a lease on its
 * endpoint's list, and a product is added under a unique key.
 */
export const MAINTENANCE_INTERVAL_MS = 15_000;

export interface MaintenancePass {
  expired: number;
  purgedDownloads: number;
  imports: Array<{ endpoint: EndpointRef; result: FlushResult }>;
  products: MissingProductsPass;
}

/** One pass; expiry first, so an expired device's revocation joins a batch due in this very pass. */
export async function runClientVpnMaintenance(db: Db, options: { now?: Date } = {}): Promise<MaintenancePass> {
  const expired = await expireDevices(db, options);
  const purgedDownloads = await purgeExpiredDownloads(db, options);
  const imports = await flushDueRevocations(db, (endpoint) => resolveDeviceEndpoint(db, endpoint), options);
  const products = await addMissingClientVpnProducts(db, clientVpnProductAdditionPlan);
  return { expired: expired.length, purgedDownloads, imports, products };
}

/** The background loop. Never throws; stop() waits for the current pass to end. */
export function startClientVpnMaintenance(options: { intervalMs?: number; db?: Db } = {}): { stop(): Promise<void> } {
  const db = options.db ?? getDb();
  return startPeriodicLoop("Client VPN maintenance", options.intervalMs ?? MAINTENANCE_INTERVAL_MS, async () => {
    const pass = await runClientVpnMaintenance(db);
    for (const { endpoint, result } of pass.imports) {
      if (result.outcome === "failed") console.error(`[onramp] the revocation list import into ${endpoint.clientVpnEndpointId} failed: ${result.message}`);
    }
  });
}
