import { DescribeClientVpnConnectionsCommand, ExportClientVpnClientCertificateRevocationListCommand } from "@aws-sdk/client-ec2";
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { auditLog, clientVpnRevocationLists } from "@/db/schema";
import type { Caller } from "@/lib/auth/caller";
import { providerEc2 } from "@/lib/aws/clients";
import { createClientCa, createRootCa } from "@/lib/pki/ca";
import { x509 } from "@/lib/pki/x509";
import { addDevice, findDevice, revokeDevice } from "./devices";
import { downloadDeviceConfiguration } from "./download";
import type { DeviceEndpoint } from "./endpoint";
import { expireDevices } from "./expiry";
import { issueDeviceConfiguration } from "./issue-configuration";
import { flushDueRevocations, flushRevocations } from "./revocation-import";
import { BATCH_DELAY_MS, MIN_IMPORT_INTERVAL_MS, revocationListStatus } from "./revocation-queue";
import { connectWithConfiguration, createTenantWithUsers, createTestEndpoint, refusalCode, type TestTenantWithUsers } from "./testing/endpoint-harness";

let globex: TestTenantWithUsers;
let initech: TestTenantWithUsers;

beforeAll(async () => {
  globex = await createTenantWithUsers(getDb(), "Globex");
  initech = await createTenantWithUsers(getDb(), "Initech");
});

const later = (date: Date | null, ms = 0) => new Date((date?.getTime() ?? Number.NaN) + ms);

/** A device with a downloaded configuration, connected through the sandbox. */
async function connectedDevice(endpoint: DeviceEndpoint, admin: Caller, name: string, expiresAt: Date | null = null) {
  const db = getDb();
  const device = await addDevice(db, admin, endpoint, { name, expiresAt });
  const issued = await issueDeviceConfiguration(db, admin, endpoint, device.id);
  const { contents } = await downloadDeviceConfiguration(db, admin, issued.downloadToken);
  return { deviceId: device.id, serialNumber: issued.serialNumber, ovpn: contents, connectionId: connectWithConfiguration(endpoint, contents) };
}

async function importedSerials(endpoint: DeviceEndpoint): Promise<string[]> {
  const exported = await providerEc2(endpoint.region).send(
    new ExportClientVpnClientCertificateRevocationListCommand({ ClientVpnEndpointId: endpoint.clientVpnEndpointId }),
  );
  const crl = new x509.X509Crl(exported.CertificateRevocationList ?? "");
  expect(await crl.verify({ publicKey: await new x509.X509Certificate(endpoint.clientCa.certificatePem).publicKey.export() })).toBe(true);
  return crl.entries.map((entry) => entry.serialNumber.toLowerCase()).sort();
}

async function connectionStatuses(endpoint: DeviceEndpoint): Promise<Map<string, string>> {
  const { Connections = [] } = await providerEc2(endpoint.region).send(new DescribeClientVpnConnectionsCommand({ ClientVpnEndpointId: endpoint.clientVpnEndpointId }));
  return new Map(Connections.map((connection) => [connection.ConnectionId ?? "", connection.Status?.Code ?? ""]));
}

async function importCount(endpoint: DeviceEndpoint): Promise<number> {
  const rows = await getDb()
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.action, "client_vpn.revocation_list.import"), eq(auditLog.targetId, endpoint.clientVpnEndpointId)));
  return rows.length;
}

describe("revoking devices", () => {
  it("batches three revocations of two tenants into one import that ends their sessions", async () => {
    const db = getDb();
    const endpoint = await createTestEndpoint();
    const resolve = async (ref: { clientVpnEndpointId: string }) => (ref.clientVpnEndpointId === endpoint.clientVpnEndpointId ? endpoint : null);
    const a1 = await connectedDevice(endpoint, globex.admin, "Laptop 1");
    const a2 = await connectedDevice(endpoint, globex.admin, "Laptop 2");
    const b1 = await connectedDevice(endpoint, initech.admin, "Laptop 1");
    const kept = await connectedDevice(endpoint, initech.admin, "Laptop 2");

    const first = await revokeDevice(db, globex.admin, a1.deviceId);
    await revokeDevice(db, globex.admin, a2.deviceId);
    const third = await revokeDevice(db, initech.admin, b1.deviceId);
    expect(first.device).toMatchObject({ status: "revoked", revokedBy: globex.admin.email });
    // The batch is as old as its first revocation: all three are imported at the same time.
    expect(third.importAt).toEqual(first.importAt);
    const status = await revocationListStatus(db, endpoint);
    expect(status.nextImportAt).toEqual(first.importAt);
    expect(status.nextImportAt?.getTime()).toBe((status.pendingSince?.getTime() ?? 0) + BATCH_DELAY_MS);

    // Before the batch is due, nothing is imported and every session is still up.
    expect(await flushRevocations(db, endpoint, { now: later(first.importAt, -1000) })).toMatchObject({ outcome: "not_due" });
    expect((await connectionStatuses(endpoint)).get(a1.connectionId)).toBe("active");

    const results = await flushDueRevocations(db, resolve, { now: later(first.importAt) });
    expect(results).toHaveLength(1);
    expect(results[0]?.result).toMatchObject({ outcome: "imported" });
    expect(await importCount(endpoint)).toBe(1);
    expect(await importedSerials(endpoint)).toEqual([a1.serialNumber, a2.serialNumber, b1.serialNumber].sort());

    const statuses = await connectionStatuses(endpoint);
    for (const revoked of [a1, a2, b1]) {
      expect(statuses.get(revoked.connectionId)).toBe("terminated");
      expect(refusalCode(() => connectWithConfiguration(endpoint, revoked.ovpn))).toBe("ClientCertificate.Revoked");
    }
    // The import reset the kept device's session too (AWS does); it may connect again.
    expect(refusalCode(() => connectWithConfiguration(endpoint, kept.ovpn))).toBeUndefined();
    expect((await revocationListStatus(db, endpoint)).pendingSince).toBeNull();

    // Nothing new: no import. A new revocation waits for the spacing between imports.
    expect(await flushRevocations(db, endpoint, { now: later(first.importAt, 1000) })).toMatchObject({ outcome: "not_due" });
    const fourth = await revokeDevice(db, initech.admin, kept.deviceId, { now: later(first.importAt, 2000) });
    expect(fourth.importAt).toEqual(later(first.importAt, MIN_IMPORT_INTERVAL_MS));
    // Revoking again changes nothing and queues nothing.
    expect((await revokeDevice(db, initech.admin, kept.deviceId)).importAt).toBeNull();
  });

  it("revokes a device whose expiry passed and ends its session", async () => {
    const db = getDb();
    const endpoint = await createTestEndpoint();
    const expiresAt = new Date(Date.now() + 2 * 60 * 60_000);
    const device = await connectedDevice(endpoint, globex.admin, "Contractor", expiresAt);
    const afterExpiry = later(expiresAt, 60_000);
    expect((await findDevice(db, globex.admin, device.deviceId, { now: afterExpiry })).status).toBe("expired");

    expect(await expireDevices(db, { now: afterExpiry })).toEqual([device.deviceId]);
    expect(await expireDevices(db, { now: afterExpiry })).toEqual([]);
    const status = await revocationListStatus(db, endpoint);
    expect(await flushRevocations(db, endpoint, { now: status.nextImportAt ?? afterExpiry })).toMatchObject({ outcome: "imported" });
    expect(await importedSerials(endpoint)).toEqual([device.serialNumber]);
    expect((await connectionStatuses(endpoint)).get(device.connectionId)).toBe("terminated");
    expect(refusalCode(() => connectWithConfiguration(endpoint, device.ovpn))).toBe("ClientCertificate.Revoked");
    const [expiry] = await db.select().from(auditLog).where(and(eq(auditLog.action, "client_vpn_device.expire"), eq(auditLog.targetId, device.deviceId)));
    expect(expiry).toMatchObject({ actorEmail: "system", tenantId: globex.tenant.id });
  });

  it("keeps a batch queued when the import fails or its importer dies, and imports it later", async () => {
    const db = getDb();
    const endpoint = await createTestEndpoint();
    const device = await connectedDevice(endpoint, globex.admin, "Branch PC");
    const { importAt } = await revokeDevice(db, globex.admin, device.deviceId);

    // A list signed by a CA the endpoint does not trust is refused by AWS: the batch stays queued.
    const rogueRoot = await createRootCa({ commonName: "Rogue Root" });
    const rogue = { ...endpoint, clientCa: await createClientCa(rogueRoot, { commonName: "Rogue Client CA" }) };
    const failed = await flushRevocations(db, rogue, { now: later(importAt) });
    expect(failed).toMatchObject({ outcome: "failed", message: expect.stringMatching(/InvalidParameterValue|refused a value/) });
    const afterFailure = await revocationListStatus(db, endpoint);
    expect(afterFailure.pendingSince).not.toBeNull();
    expect(afterFailure.lastError).toMatch(/AWS refused/);
    expect(afterFailure.nextImportAt?.getTime()).toBeGreaterThan(later(importAt).getTime());

    // An importer that took the batch and died: its lease blocks others until it expires.
    const retryAt = afterFailure.nextImportAt ?? new Date();
    const where = and(eq(clientVpnRevocationLists.region, endpoint.region), eq(clientVpnRevocationLists.clientVpnEndpointId, endpoint.clientVpnEndpointId));
    await db
      .update(clientVpnRevocationLists)
      .set({ leaseOwner: "crashed-worker", leaseExpiresAt: later(retryAt, 30_000), flushingSince: afterFailure.pendingSince, dirtySince: null })
      .where(where);
    expect(await flushRevocations(db, endpoint, { now: retryAt })).toMatchObject({ outcome: "leased" });
    expect(await flushRevocations(db, endpoint, { now: later(retryAt, 31_000) })).toMatchObject({ outcome: "imported" });
    expect(await importedSerials(endpoint)).toEqual([device.serialNumber]);
    expect(await revocationListStatus(db, endpoint)).toMatchObject({ pendingSince: null, lastError: null, importedSerialCount: 1 });
  });
});
