import { FilterLogEventsCommand } from "@aws-sdk/client-cloudwatch-logs";
import { CreateClientVpnEndpointCommand } from "@aws-sdk/client-ec2";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import type { Caller } from "@/lib/auth/caller";
import { providerEc2, providerLogs } from "@/lib/aws/clients";
import { sandboxCloud } from "@/lib/aws/sandbox-link";
import { readTenantConnectionLog, type ConnectionLogRef } from "./connection-log";
import { addDevice, revokeDevice } from "./devices";
import { downloadDeviceConfiguration } from "./download";
import type { DeviceEndpoint } from "./endpoint";
import { issueDeviceConfiguration } from "./issue-configuration";
import { flushRevocations } from "./revocation-import";
import { connectWithConfiguration, createTenantWithUsers, createTestEndpoint, refusalCode, REGION, type TestTenantWithUsers } from "./testing/endpoint-harness";

/**
 * Client VPN's connection log, end to end: the sandbox endpoint writes AWS's entries for each
 * attempt and end, and each tenant reads back only its own devices' attempts with their public
 * address and, for a revoked device, AWS's refusal reason.
 */

let globex: TestTenantWithUsers;
let initech: TestTenantWithUsers;

beforeAll(async () => {
  globex = await createTenantWithUsers(getDb(), "Globex");
  initech = await createTenantWithUsers(getDb(), "Initech");
});

async function configuredDevice(endpoint: DeviceEndpoint, admin: Caller, name: string) {
  const db = getDb();
  const device = await addDevice(db, admin, endpoint, { name, expiresAt: null });
  const issued = await issueDeviceConfiguration(db, admin, endpoint, device.id);
  const { contents } = await downloadDeviceConfiguration(db, admin, issued.downloadToken);
  return { deviceId: device.id, ovpn: contents };
}

async function loggedEntries(log: ConnectionLogRef): Promise<Array<Record<string, string>>> {
  const { events = [] } = await providerLogs(REGION).send(new FilterLogEventsCommand({ logGroupName: log.logGroupName, logStreamNames: [log.logStreamName] }));
  return events.map((event) => JSON.parse(event.message ?? "{}"));
}

describe("the Client VPN connection log", () => {
  it("is refused by an endpoint whose log group does not exist", async () => {
    const ec2 = providerEc2(REGION);
    const attempt = ec2.send(
      new CreateClientVpnEndpointCommand({
        ClientCidrBlock: "10.160.0.0/22",
        ServerCertificateArn: "arn:aws:acm:us-east-1:210987654321:certificate/00000000-0000-0000-0000-000000000000",
        AuthenticationOptions: [{ Type: "certificate-authentication", MutualAuthentication: { ClientRootCertificateChainArn: "arn:aws:acm:us-east-1:210987654321:certificate/00000000-0000-0000-0000-000000000000" } }],
        ConnectionLogOptions: { Enabled: true, CloudwatchLogGroup: "/onramp/client-vpn/missing" },
      }),
    );
    await expect(attempt).rejects.toMatchObject({ name: "InvalidParameterValue" });
  });

  it("logs a connection, its end and a revoked device's refusal; each tenant reads only its own devices' attempts", async () => {
    const db = getDb();
    const endpoint = await createTestEndpoint({ connectionLog: true });
    const log = endpoint.connectionLog;
    if (!log) throw new Error("the endpoint has no connection log");
    const laptop = await configuredDevice(endpoint, globex.admin, "Laptop");
    const phone = await configuredDevice(endpoint, globex.admin, "Phone");
    const desktop = await configuredDevice(endpoint, initech.admin, "Desktop");

    const laptopConnection = connectWithConfiguration(endpoint, laptop.ovpn);
    sandboxCloud().disconnectClientVpnDevice(laptopConnection);
    const phoneConnection = connectWithConfiguration(endpoint, phone.ovpn);
    const desktopConnection = connectWithConfiguration(endpoint, desktop.ovpn);

    // Revoking the phone and importing the list ends its session; its client is then refused.
    const { importAt } = await revokeDevice(db, globex.admin, phone.deviceId);
    expect(await flushRevocations(db, endpoint, { now: importAt ?? new Date() })).toMatchObject({ outcome: "imported" });
    expect(refusalCode(() => connectWithConfiguration(endpoint, phone.ovpn))).toBe("ClientCertificate.Revoked");

    // What the sandbox wrote, in AWS's shape.
    const entries = await loggedEntries(log);
    const laptopEntries = entries.filter((entry) => entry["connection-id"] === laptopConnection);
    expect(laptopEntries.map((entry) => entry["connection-log-type"])).toEqual(["connection-attempt", "connection-reset"]);
    expect(laptopEntries[0]).toMatchObject({
      "connection-attempt-status": "successful",
      "connection-attempt-failure-reason": "NA",
      "client-vpn-endpoint-id": endpoint.clientVpnEndpointId,
      "client-ip": expect.stringMatching(/^10\.144\./),
      "client-ipv6": "NA",
      "device-ip": expect.stringMatching(/^203\.0\.113\.\d+$/),
      "device-ipv6": "NA",
      port: expect.stringMatching(/^\d+$/),
      "connection-end-time": "NA",
      "client-openvpn-version": expect.any(String),
    });
    expect(laptopEntries[1]).toMatchObject({
      "connection-end-time": expect.stringMatching(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/),
      "connection-duration-seconds": expect.stringMatching(/^\d+$/),
      "ingress-bytes": expect.stringMatching(/^\d+$/),
      "egress-packets": expect.stringMatching(/^\d+$/),
    });
    // The import reset the phone's session (and the desktop's, which reconnects by itself).
    const phoneEntries = entries.filter((entry) => entry["connection-id"] === phoneConnection);
    expect(phoneEntries.map((entry) => entry["connection-log-type"])).toEqual(["connection-attempt", "connection-reset"]);
    // The refused attempt comes from the phone's address, as its earlier connection did.
    const refusal = entries.find((entry) => entry["connection-attempt-status"] === "failed");
    expect(refusal).toMatchObject({
      "connection-log-type": "connection-attempt",
      "connection-attempt-failure-reason": "client certificate revoked",
      "client-ip": "NA",
      "device-ip": phoneEntries[0]?.["device-ip"],
    });
    for (const entry of entries) expect(JSON.stringify(entry)).not.toMatch(/BEGIN|PRIVATE KEY/);

    // Globex: its own attempts, newest first, with public addresses and the refusal's reason.
    const mine = await readTenantConnectionLog(db, globex.admin, endpoint, log);
    expect(mine.attempts.map((attempt) => [attempt.deviceName, attempt.result])).toEqual([
      ["Phone", "refused"],
      ["Phone", "connected"],
      ["Laptop", "connected"],
    ]);
    const [refused, phoneAttempt, laptopAttempt] = mine.attempts;
    expect(refused).toMatchObject({ deviceId: phone.deviceId, failureReason: "client certificate revoked", durationSeconds: null });
    expect(refused?.deviceIp).toMatch(/^203\.0\.113\.\d+$/);
    expect(phoneAttempt).toMatchObject({ connectionId: phoneConnection, failureReason: null, durationSeconds: expect.any(Number) });
    expect(laptopAttempt).toMatchObject({ connectionId: laptopConnection, deviceId: laptop.deviceId, durationSeconds: expect.any(Number) });
    expect(mine.deviceIps.get(laptopConnection)).toBe(laptopEntries[0]?.["device-ip"]);
    expect(mine.deviceIps.has(desktopConnection)).toBe(false);

    // Initech on the same endpoint: only its desktop (its first connection and its reconnection after the reset).
    const theirs = await readTenantConnectionLog(db, initech.admin, endpoint, log);
    expect(new Set(theirs.attempts.map((attempt) => attempt.deviceId))).toEqual(new Set([desktop.deviceId]));
    expect(theirs.attempts.every((attempt) => attempt.result === "connected")).toBe(true);
    const globexConnections = new Set(mine.attempts.map((attempt) => attempt.connectionId));
    expect(theirs.attempts.some((attempt) => globexConnections.has(attempt.connectionId))).toBe(false);
    expect([...theirs.deviceIps.keys()].some((id) => globexConnections.has(id))).toBe(false);
  });
});
