import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { sandboxCloud } from "@/lib/aws/sandbox-link";
import { AppError } from "@/lib/errors";
import { issueClientCertificate } from "@/lib/pki/client-certificate";
import { createUser } from "@/lib/testing/fixtures";
import { listDeviceConnections, disconnectDeviceConnection } from "./connections";
import { addDevice, findDevice, listDevices, revokeDevice } from "./devices";
import { downloadDeviceConfiguration } from "./download";
import { issueDeviceConfiguration } from "./issue-configuration";
import { connectWithConfiguration, createTenantWithUsers, createTestEndpoint, type TestEndpoint, type TestTenantWithUsers } from "./testing/endpoint-harness";

/** Two tenants on one shared endpoint: neither sees, downloads or disconnects the other's devices. */

async function codeOf(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  if (!(error instanceof AppError)) throw new Error(`expected an AppError, got ${String(error)}`);
  return error.code;
}

let endpoint: TestEndpoint;
let globex: TestTenantWithUsers;
let initech: TestTenantWithUsers;

beforeAll(async () => {
  endpoint = await createTestEndpoint();
  globex = await createTenantWithUsers(getDb(), "Globex");
  initech = await createTenantWithUsers(getDb(), "Initech");
});

describe("tenant isolation of Client VPN devices", () => {
  it("keeps each tenant's devices, links and sessions to itself", async () => {
    const db = getDb();
    const mine = await addDevice(db, globex.admin, endpoint, { name: "Laptop", expiresAt: null });
    const theirs = await addDevice(db, initech.admin, endpoint, { name: "Laptop", expiresAt: null });

    expect((await listDevices(db, globex.viewer)).map((device) => device.id)).toEqual([mine.id]);
    expect((await listDevices(db, initech.admin)).map((device) => device.id)).toEqual([theirs.id]);
    expect(await codeOf(listDevices(db, globex.admin, { tenantId: initech.tenant.id }))).toBe("not_found");
    expect(await codeOf(findDevice(db, globex.admin, theirs.id))).toBe("not_found");
    expect(await codeOf(issueDeviceConfiguration(db, globex.admin, endpoint, theirs.id))).toBe("not_found");
    expect(await codeOf(revokeDevice(db, globex.admin, theirs.id))).toBe("not_found");

    // A link reaches only members of its tenant: not the other tenant, not provider staff.
    const theirLink = await issueDeviceConfiguration(db, initech.admin, endpoint, theirs.id);
    const support = await createUser(db, { role: "provider_admin" });
    expect(await codeOf(downloadDeviceConfiguration(db, globex.admin, theirLink.downloadToken))).toBe("not_found");
    expect(await codeOf(downloadDeviceConfiguration(db, support, theirLink.downloadToken))).toBe("not_found");
    const theirConfiguration = await downloadDeviceConfiguration(db, initech.admin, theirLink.downloadToken);
    const myLink = await issueDeviceConfiguration(db, globex.admin, endpoint, mine.id);
    const myConfiguration = await downloadDeviceConfiguration(db, globex.admin, myLink.downloadToken);

    // Both connect to the shared endpoint; each tenant sees only its own session.
    const myConnection = connectWithConfiguration(endpoint, myConfiguration.contents);
    const theirConnection = connectWithConfiguration(endpoint, theirConfiguration.contents);
    const seenByGlobex = await listDeviceConnections(db, globex.viewer, endpoint);
    expect(seenByGlobex).toEqual([
      expect.objectContaining({ connectionId: myConnection, deviceId: mine.id, deviceName: "Laptop", status: "active", clientIp: expect.stringMatching(/^10\.144\./) }),
    ]);
    expect(seenByGlobex[0]?.connectedSince).toBeInstanceOf(Date);
    expect((await listDeviceConnections(db, initech.admin, endpoint)).map((connection) => connection.connectionId)).toEqual([theirConnection]);
    expect((await listDeviceConnections(db, support, endpoint, { tenantId: initech.tenant.id })).map((c) => c.deviceId)).toEqual([theirs.id]);

    // A certificate naming Globex's slug and Initech's device, which Onramp never issued: the slug
    // in a CommonName is no proof of tenant, so neither tenant is shown it.
    const forged = await issueClientCertificate(endpoint.clientCa, { tenantId: globex.tenant.id, tenantSlug: globex.tenant.slug, deviceId: theirs.id });
    sandboxCloud().connectClientVpnDevice(endpoint.clientVpnEndpointId, { certificatePem: forged.certificatePem });
    expect((await listDeviceConnections(db, globex.admin, endpoint)).map((connection) => connection.connectionId)).toEqual([myConnection]);
    expect((await listDeviceConnections(db, initech.admin, endpoint)).map((connection) => connection.connectionId)).toEqual([theirConnection]);

    expect(await codeOf(disconnectDeviceConnection(db, globex.admin, endpoint, theirConnection))).toBe("not_found");
    expect((await listDeviceConnections(db, initech.admin, endpoint)).map((connection) => connection.status)).toEqual(["active"]);
    expect(await disconnectDeviceConnection(db, globex.admin, endpoint, myConnection)).toMatchObject({ deviceId: mine.id, status: "terminating" });
    expect(await listDeviceConnections(db, globex.admin, endpoint)).toEqual([]);
    expect(await codeOf(disconnectDeviceConnection(db, globex.admin, endpoint, myConnection))).toBe("not_found");
  });
});
