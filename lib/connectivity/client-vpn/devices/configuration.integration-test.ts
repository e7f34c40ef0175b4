import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { auditLog, clientVpnDeviceCertificates } from "@/db/schema";
import { decryptSecret } from "@/lib/crypto/secret-encryption";
import { AppError } from "@/lib/errors";
import { privateKeyMatchesCertificate } from "@/lib/pki/rsa-keys";
import { x509 } from "@/lib/pki/x509";
import { addDevice, findDevice } from "./devices";
import { downloadDeviceConfiguration } from "./download";
import { purgeExpiredDownloads } from "./expiry";
import { deviceKeyContext, DOWNLOAD_LINK_TTL_MS, issueDeviceConfiguration } from "./issue-configuration";
import { connectWithConfiguration, createTenantWithUsers, createTestEndpoint, type TestEndpoint, type TestTenantWithUsers } from "./testing/endpoint-harness";

/** An OpenVPN client configuration read as OpenVPN does: directives, and inline blocks like <ca>. */
function parseOvpn(text: string): { directives: string[][]; blocks: Map<string, string> } {
  const directives: string[][] = [];
  const blocks = new Map<string, string>();
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i += 1) {
    const line = (lines[i] ?? "").trim();
    const open = /^<([a-z-]+)>$/.exec(line);
    if (open?.[1]) {
      const end = lines.indexOf(`</${open[1]}>`, i + 1);
      if (end < 0) throw new Error(`<${open[1]}> is not closed`);
      if (blocks.has(open[1])) throw new Error(`<${open[1]}> appears twice`);
      blocks.set(open[1], lines.slice(i + 1, end).join("\n"));
      i = end;
    } else if (line && !line.startsWith("#") && !line.startsWith(";")) {
      directives.push(line.split(/\s+/));
    }
  }
  return { directives, blocks };
}

function pemCertificates(text: string): x509.X509Certificate[] {
  return (text.match(/-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g) ?? []).map((pem) => new x509.X509Certificate(pem));
}

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  if (!(error instanceof AppError)) throw new Error(`expected an AppError, got ${String(error)}`);
  return error;
}

let endpoint: TestEndpoint;
let globex: TestTenantWithUsers;

beforeAll(async () => {
  endpoint = await createTestEndpoint();
  globex = await createTenantWithUsers(getDb(), "Globex");
});

describe("issuing and downloading a device configuration", () => {
  it("delivers a valid OpenVPN configuration once, through a link whose key is stored only encrypted", async () => {
    const db = getDb();
    const device = await addDevice(db, globex.admin, endpoint, { name: "Front desk PC", expiresAt: null });
    expect(device).toMatchObject({ status: "active", certificate: null, pendingDownload: null, createdBy: globex.admin.email });

    const issued = await issueDeviceConfiguration(db, globex.admin, endpoint, device.id);
    expect(issued.downloadToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(issued.supersededImportAt).toBeNull();

    // At rest: the token only as a hash, the key only as ciphertext bound to the device and serial.
    const [stored] = await db.select().from(clientVpnDeviceCertificates).where(eq(clientVpnDeviceCertificates.deviceId, device.id));
    expect(stored?.downloadTokenHash).not.toContain(issued.downloadToken);
    expect(stored?.encryptedPrivateKey).toMatch(/^v1\./);
    expect(stored?.encryptedPrivateKey).not.toMatch(/BEGIN|PRIVATE KEY/);
    expect(() => decryptSecret(stored?.encryptedPrivateKey ?? "", deviceKeyContext(device.id, "00"))).toThrow();
    expect((await findDevice(db, globex.admin, device.id)).pendingDownload?.expiresAt).toEqual(issued.downloadExpiresAt);

    const downloaded = await downloadDeviceConfiguration(db, globex.viewer, issued.downloadToken);
    expect(downloaded.fileName).toBe("front-desk-pc.ovpn");
    const ovpn = parseOvpn(downloaded.contents);
    expect(ovpn.directives).toContainEqual(["client"]);
    expect(ovpn.directives).toContainEqual(["dev", "tun"]);
    expect(ovpn.directives.find((directive) => directive[0] === "remote")).toEqual(["remote", endpoint.dnsName, "443"]);
    expect(endpoint.dnsName).toBe(`${endpoint.clientVpnEndpointId}.prod.clientvpn.us-east-1.amazonaws.com`);

    // <ca> is what the endpoint's server chain ends in; <cert> chains to it through the client CA
    // that the endpoint trusts, and <key> belongs to that certificate.
    const [ca] = pemCertificates(ovpn.blocks.get("ca") ?? "");
    const [leaf, issuer] = pemCertificates(ovpn.blocks.get("cert") ?? "");
    expect(ca?.equal(new x509.X509Certificate(endpoint.root.certificatePem))).toBe(true);
    expect(issuer?.equal(new x509.X509Certificate(endpoint.clientCa.certificatePem))).toBe(true);
    const chain = await new x509.X509ChainBuilder({ certificates: [issuer, ca].filter((c): c is x509.X509Certificate => c !== undefined) }).build(
      leaf ?? new x509.X509Certificate(""),
    );
    expect(chain.map((certificate) => certificate.subject)).toEqual([leaf?.subject, issuer?.subject, ca?.subject]);
    expect(await leaf?.verify({ publicKey: issuer?.publicKey, signatureOnly: true })).toBe(true);
    expect(await issuer?.verify({ publicKey: ca?.publicKey, signatureOnly: true })).toBe(true);
    expect(await ca?.isSelfSigned()).toBe(true);
    expect(leaf?.subject).toContain(`CN=${device.id}.`);
    expect(leaf?.serialNumber.toLowerCase()).toBe(issued.serialNumber);
    expect(privateKeyMatchesCertificate(ovpn.blocks.get("key") ?? "", leaf?.toString("pem") ?? "")).toBe(true);

    // The device connects with it; the link is then spent and the key gone from the database.
    expect(connectWithConfiguration(endpoint, downloaded.contents)).toMatch(/^cvpn-connection-/);
    const second = await rejection(downloadDeviceConfiguration(db, globex.admin, issued.downloadToken));
    expect(second.code).toBe("not_found");
    expect(second.message).toMatch(/already been used/);
    const [spent] = await db.select().from(clientVpnDeviceCertificates).where(eq(clientVpnDeviceCertificates.deviceId, device.id));
    expect(spent).toMatchObject({ encryptedPrivateKey: null, configurationWithoutKey: null, downloadedBy: globex.viewer.userId });
    expect((await findDevice(db, globex.admin, device.id)).lastDownloadAt).toEqual(spent?.downloadedAt);

    const audited = await db.select().from(auditLog).where(eq(auditLog.targetId, device.id));
    expect(audited.map((entry) => entry.action).sort()).toEqual([
      "client_vpn_device.create",
      "client_vpn_device.download_configuration",
      "client_vpn_device.issue_configuration",
    ]);
    expect(JSON.stringify(audited)).not.toContain(issued.downloadToken);
  });

  it("lets a link expire unused and destroys its key; re-issuing supersedes the previous certificate", async () => {
    const db = getDb();
    const device = await addDevice(db, globex.admin, endpoint, { name: "Warehouse laptop", expiresAt: null });
    const first = await issueDeviceConfiguration(db, globex.admin, endpoint, device.id);
    const late = new Date(first.downloadExpiresAt.getTime() + 1000);
    expect((await rejection(downloadDeviceConfiguration(db, globex.admin, first.downloadToken, { now: late }))).message).toMatch(/expired/);
    expect(first.downloadExpiresAt.getTime() - Date.now()).toBeLessThanOrEqual(DOWNLOAD_LINK_TTL_MS);
    expect(await purgeExpiredDownloads(db, { now: late })).toBeGreaterThanOrEqual(1);
    const [purged] = await db.select().from(clientVpnDeviceCertificates).where(eq(clientVpnDeviceCertificates.serialNumber, first.serialNumber));
    expect(purged?.encryptedPrivateKey).toBeNull();

    // A re-download is a new certificate; the first one is revoked and its link dead.
    const second = await issueDeviceConfiguration(db, globex.admin, endpoint, device.id);
    expect(second.serialNumber).not.toBe(first.serialNumber);
    const rows = await db.select().from(clientVpnDeviceCertificates).where(eq(clientVpnDeviceCertificates.deviceId, device.id));
    expect(rows.find((row) => row.serialNumber === first.serialNumber)).toMatchObject({ revocationReason: "superseded" });
    expect(rows.find((row) => row.serialNumber === second.serialNumber)?.revokedAt).toBeNull();
    // The first was never delivered, so no import (which drops every tenant's sessions) is queued for it.
    expect(second.supersededImportAt).toBeNull();

    const third = await issueDeviceConfiguration(db, globex.admin, endpoint, device.id);
    expect((await rejection(downloadDeviceConfiguration(db, globex.admin, second.downloadToken))).message).toMatch(/no longer valid/);
    await downloadDeviceConfiguration(db, globex.admin, third.downloadToken);
    const fourth = await issueDeviceConfiguration(db, globex.admin, endpoint, device.id);
    expect(fourth.supersededImportAt).toBeInstanceOf(Date);
  });

  it("refuses bad input and malformed links with a coded error", async () => {
    const db = getDb();
    await addDevice(db, globex.admin, endpoint, { name: "Reception", expiresAt: null });
    const duplicate = await rejection(addDevice(db, globex.admin, endpoint, { name: "reception", expiresAt: null }));
    expect(duplicate).toMatchObject({ code: "conflict", fieldErrors: { name: [expect.any(String)] } });
    const soon = await rejection(addDevice(db, globex.admin, endpoint, { name: "Kiosk", expiresAt: new Date(Date.now() + 60_000) }));
    expect(soon).toMatchObject({ code: "invalid_input", fieldErrors: { expiresAt: [expect.any(String)] } });
    expect((await rejection(downloadDeviceConfiguration(db, globex.admin, "not-a-token"))).code).toBe("not_found");
    expect((await rejection(findDevice(db, globex.admin, "not-a-uuid"))).code).toBe("not_found");
  });
});
