import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import { ImportClientVpnClientCertificateRevocationListCommand, type EC2Client } from "@aws-sdk/client-ec2";
import { and, eq, gt, isNotNull, or } from "drizzle-orm";
import type { Db } from "@/db/client";
import { clientVpnDeviceCertificates, clientVpnRevocationLists } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record";
import { providerEc2 } from "@/lib/aws/clients";
import { awsErrorCode, isAwsError, isTransient, safeAwsMessage } from "@/lib/aws/errors";
import { createCrl, type RevokedCertificate } from "@/lib/pki/crl";
import { DAY_MS } from "@/lib/pki/issue-certificate";
import { withEndpointOperation } from "../endpoint-operations";
import type { DeviceEndpoint, EndpointRef } from "./endpoint";
import { nextImportAt, pendingSince, type RevocationListRow } from "./revocation-queue";

/**
 * Imports an endpoint's revocation list (ImportClientVpnClientCertificateRevocationList) when its
 * batch is due. A worker or the reconciler calls flushDueRevocations on every pass; a lease on the
 * endpoint's row makes one process import at a time, and a process that dies mid-import leaves
 * the batch queued (flushingSince) for the next one.
 */
const LEASE_MS = 60_000;
const FIRST_RETRY_MS = 30_000;
const MAX_RETRY_MS = 15 * 60_000;
/**
 * A revoked certificate stays listed this long past its own end: an expired certificate is refused
 * anyway, but a verifier whose clock runs behind would still accept it for a while.
 */
export const EXPIRED_ENTRY_RETENTION_MS = DAY_MS;

const OWNER = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;

export type FlushResult =
  | { outcome: "imported"; serialNumbers: string[]; crlNumber: bigint; nextImportAt: Date | null }
  | { outcome: "not_due" | "leased"; nextImportAt: Date | null }
  | { outcome: "failed"; message: string; nextImportAt: Date | null };

export interface FlushOptions {
  now?: Date;
  /** Defaults to the provider's EC2 client for the endpoint's region. */
  ec2?: EC2Client;
}

function endpointIs(endpoint: EndpointRef) {
  return and(
    eq(clientVpnRevocationLists.region, endpoint.region),
    eq(clientVpnRevocationLists.clientVpnEndpointId, endpoint.clientVpnEndpointId),
  );
}

/** Takes the lease when the list is due and free; the queued batch moves to flushingSince. */
async function claim(db: Db, endpoint: EndpointRef, now: Date): Promise<{ row: RevocationListRow | null; result: FlushResult | null }> {
  return db.transaction(async (tx) => {
    const [row] = await tx.select().from(clientVpnRevocationLists).where(endpointIs(endpoint)).for("update");
    if (!row) return { row: null, result: { outcome: "not_due", nextImportAt: null } };
    const due = nextImportAt(row);
    if (row.leaseExpiresAt && row.leaseExpiresAt > now) return { row: null, result: { outcome: "leased", nextImportAt: due } };
    if (!due || due > now) return { row: null, result: { outcome: "not_due", nextImportAt: due } };
    const [claimed] = await tx
      .update(clientVpnRevocationLists)
      .set({ leaseOwner: OWNER, leaseExpiresAt: new Date(now.getTime() + LEASE_MS), flushingSince: pendingSince(row), dirtySince: null })
      .where(eq(clientVpnRevocationLists.id, row.id))
      .returning();
    return { row: claimed ?? null, result: null };
  });
}

/** Every certificate revoked on this endpoint, of every tenant, that has not long expired. */
async function revokedOnEndpoint(db: Db, endpoint: EndpointRef, now: Date) {
  const rows = await db
    .select({
      serialNumber: clientVpnDeviceCertificates.serialNumber,
      revokedAt: clientVpnDeviceCertificates.revokedAt,
      reason: clientVpnDeviceCertificates.revocationReason,
    })
    .from(clientVpnDeviceCertificates)
    .where(
      and(
        eq(clientVpnDeviceCertificates.region, endpoint.region),
        eq(clientVpnDeviceCertificates.clientVpnEndpointId, endpoint.clientVpnEndpointId),
        isNotNull(clientVpnDeviceCertificates.revokedAt),
        gt(clientVpnDeviceCertificates.notAfter, new Date(now.getTime() - EXPIRED_ENTRY_RETENTION_MS)),
      ),
    );
  return rows.map(
    (row): RevokedCertificate => ({ serialNumber: row.serialNumber, revokedAt: row.revokedAt ?? now, reason: row.reason ?? "unspecified" }),
  );
}

function retryDelayMs(failures: number): number {
  return Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** Math.max(0, failures - 1));
}

/**
 * Imports the endpoint's list if it is due and no other process is importing it. The list holds
 * every tenant's revoked certificates on the endpoint, signed by its client CA.
 */
export async function flushRevocations(db: Db, endpoint: DeviceEndpoint, options: FlushOptions = {}): Promise<FlushResult> {
  const now = options.now ?? new Date();
  const { row, result } = await claim(db, endpoint, now);
  if (!row) return result ?? { outcome: "not_due", nextImportAt: null };
  const mine = and(eq(clientVpnRevocationLists.id, row.id), eq(clientVpnRevocationLists.leaseOwner, OWNER));
  try {
    const revoked = await revokedOnEndpoint(db, endpoint, now);
    // CRL numbers must grow (RFC 5280 §5.2.3), even if this clock is behind the last importer's.
    const crlNumber = [BigInt(now.getTime()), (row.lastCrlNumber ?? 0n) + 1n].reduce((a, b) => (a > b ? a : b));
    const crl = await createCrl(endpoint.clientCa, { revoked, crlNumber, now });
    const ec2 = options.ec2 ?? providerEc2(endpoint.region);
    await withEndpointOperation(db, endpoint.clientVpnEndpointId, () =>
      ec2.send(
        new ImportClientVpnClientCertificateRevocationListCommand({ ClientVpnEndpointId: endpoint.clientVpnEndpointId, CertificateRevocationList: crl.crlPem }),
      ),
    );
    const released = await db.transaction(async (tx) => {
      const [updated] = await tx
        .update(clientVpnRevocationLists)
        .set({
          leaseOwner: null,
          leaseExpiresAt: null,
          flushingSince: null,
          lastImportedAt: now,
          lastCrlNumber: crl.crlNumber,
          crlNextUpdate: crl.nextUpdate,
          importedSerialCount: crl.serialNumbers.length,
          retryAt: null,
          consecutiveFailures: 0,
          lastError: null,
        })
        .where(mine)
        .returning();
      await recordAudit(tx, null, {
        action: "client_vpn.revocation_list.import",
        tenantId: null,
        targetType: "client_vpn_endpoint",
        targetId: endpoint.clientVpnEndpointId,
        detail: { region: endpoint.region, revokedCount: crl.serialNumbers.length, crlNumber: crl.crlNumber.toString() },
      });
      return updated;
    });
    return { outcome: "imported", serialNumbers: crl.serialNumbers, crlNumber: crl.crlNumber, nextImportAt: released ? nextImportAt(released) : null };
  } catch (error) {
    const failures = row.consecutiveFailures + 1;
    const message = isAwsError(error) ? safeAwsMessage(error) : "Importing the revocation list failed; see the server log.";
    if (!isTransient(error)) console.error(`[onramp] importing the revocation list of ${endpoint.clientVpnEndpointId} failed (${awsErrorCode(error)})`, error);
    const [failed] = await db
      .update(clientVpnRevocationLists)
      .set({
        leaseOwner: null,
        leaseExpiresAt: null,
        // The batch goes back to the queue, with anything revoked meanwhile.
        dirtySince: pendingSince(row),
        flushingSince: null,
        retryAt: new Date(now.getTime() + retryDelayMs(failures)),
        consecutiveFailures: failures,
        lastError: message,
      })
      .where(mine)
      .returning();
    return { outcome: "failed", message, nextImportAt: failed ? nextImportAt(failed) : null };
  }
}

/**
 * Flushes every endpoint whose list is due. `resolveEndpoint` supplies the endpoint's client CA
 * (the environment holds it); null skips an endpoint that no longer exists.
 */
export async function flushDueRevocations(
  db: Db,
  resolveEndpoint: (endpoint: EndpointRef) => Promise<DeviceEndpoint | null>,
  options: FlushOptions = {},
): Promise<Array<{ endpoint: EndpointRef; result: FlushResult }>> {
  const now = options.now ?? new Date();
  const candidates = await db
    .select()
    .from(clientVpnRevocationLists)
    .where(
      or(
        isNotNull(clientVpnRevocationLists.dirtySince),
        isNotNull(clientVpnRevocationLists.flushingSince),
        isNotNull(clientVpnRevocationLists.crlNextUpdate),
      ),
    );
  const results: Array<{ endpoint: EndpointRef; result: FlushResult }> = [];
  for (const row of candidates) {
    const due = nextImportAt(row);
    if (!due || due > now) continue;
    const endpoint = await resolveEndpoint({ region: row.region, clientVpnEndpointId: row.clientVpnEndpointId });
    if (!endpoint) continue;
    results.push({ endpoint: { region: row.region, clientVpnEndpointId: row.clientVpnEndpointId }, result: await flushRevocations(db, endpoint, { ...options, now }) });
  }
  return results;
}
