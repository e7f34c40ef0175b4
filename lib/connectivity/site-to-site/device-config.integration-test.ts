import { GetVpnConnectionDeviceTypesCommand } from "@aws-sdk/client-ec2";
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { auditLog } from "@/db/schema";
import type { Caller } from "@/lib/auth/caller";
import { providerEc2 } from "@/lib/aws/clients";
import { sandboxCloud } from "@/lib/aws/sandbox-link";
import { hiddenKeyPlaceholder } from "@/lib/configs/hidden-keys";
import { findSiteToSiteConnection } from "@/lib/dal/site-to-site-connections";
import { runUntilIdle } from "@/lib/engine/executor";
import { createTenant, createUser } from "@/lib/testing/fixtures";
import { setTestCaller } from "@/lib/testing/session";
import { GET } from "@/app/api/connections/[id]/device-config/route";
import { createSiteToSite } from "@/app/(app)/connections/site-to-site/actions";
import { readSecrets, TUNNEL_PSK_NAMES } from "./connection-secrets";
import { vpnDeliverables } from "./device-config";
import { createSiteToSitePlan } from "./plan";
import { FAST, createdId, setUpWorld, testDeps, validRequest, type World } from "./testing/harness";

const plan = createSiteToSitePlan(testDeps());
let world: World;
let viewer: Caller;
let outsider: Caller;
let connectionId: string;
let keys: string[];

async function provision(overrides: Record<string, unknown> = {}): Promise<string> {
  setTestCaller(world.admin);
  const id = await createdId(createSiteToSite, validRequest(world, overrides));
  await runUntilIdle(getDb(), { plans: [plan], ...FAST, timeoutMs: 30_000 });
  return id;
}

async function download(caller: Caller | null, id: string, query = ""): Promise<Response> {
  setTestCaller(caller);
  const response = await GET(new Request(`http://localhost/api/connections/${id}/device-config${query}`), { params: Promise.resolve({ id }) });
  setTestCaller(null);
  return response;
}

async function deviceTypeId(vendor: string): Promise<string> {
  const types = await providerEc2("us-east-1").send(new GetVpnConnectionDeviceTypesCommand({}));
  const id = types.VpnConnectionDeviceTypes?.find((type) => type.Vendor === vendor)?.VpnConnectionDeviceTypeId;
  if (!id) throw new Error(`the sandbox lists no ${vendor} device`);
  return id;
}

async function secretDownloads(id: string) {
  return getDb()
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.action, "connection.secret.download"), eq(auditLog.targetId, id)));
}

beforeAll(async () => {
  const db = getDb();
  world = await setUpWorld(db, "Device Config Tenant");
  viewer = await createUser(db, { role: "customer_viewer", tenantId: world.admin.tenantId });
  const other = await createTenant(db, "Other Device Tenant");
  outsider = await createUser(db, { role: "customer_admin", tenantId: other.id });
  connectionId = await provision();
  const stored = await readSecrets(db, connectionId, TUNNEL_PSK_NAMES);
  keys = TUNNEL_PSK_NAMES.map((name) => stored.get(name) ?? "");
  expect(keys.every((key) => key.length >= 8)).toBe(true);
});

describe("device configuration download", () => {
  it("needs a session, and another tenant's connection is not found", async () => {
    expect((await download(null, connectionId)).status).toBe(401);
    for (const query of ["", "?keys=include"]) {
      const response = await download(outsider, connectionId, query);
      expect(response.status).toBe(404);
      const body = await response.text();
      for (const key of keys) expect(body).not.toContain(key);
    }
    expect(await secretDownloads(connectionId)).toEqual([]);
  });

  it("gives a viewer the file with the keys hidden, and refuses them the keys", async () => {
    const response = await download(viewer, connectionId);
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(response.headers.get("content-disposition")).toMatch(/^attachment; filename="head-office-vpn-[0-9a-f]+-generic-vendor-agnostic-keys-hidden\.txt"$/);
    const text = await response.text();
    // AWS's own sample for the generic device, IKEv2 as the tunnel options allow.
    expect(text).toContain("IKE version              : IKEv2");
    expect(text).toContain(`Pre-Shared Key           : ${hiddenKeyPlaceholder(1)}`);
    expect(text).toContain(hiddenKeyPlaceholder(2));
    expect(text).toContain("An admin of your organisation can reveal them");
    for (const key of keys) expect(text).not.toContain(key);

    expect((await download(viewer, connectionId, "?keys=include")).status).toBe(403);
    expect(await secretDownloads(connectionId)).toEqual([]);
  });

  it("gives an admin the keys and audits the download", async () => {
    const response = await download(world.admin, connectionId, "?keys=include");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-disposition")).not.toContain("keys-hidden");
    const text = await response.text();
    for (const key of keys) expect(text).toContain(key);
    expect(text).not.toContain(hiddenKeyPlaceholder(1));

    const audits = await secretDownloads(connectionId);
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ actorUserId: world.admin.userId, tenantId: world.admin.tenantId, targetType: "connection" });
    expect(audits[0]?.detail).toMatchObject({ file: "device configuration", source: "aws_sample" });
    for (const key of keys) expect(JSON.stringify(audits)).not.toContain(key);
  });

  it("falls back to a generic configuration when AWS has no sample for the device", async () => {
    const id = await provision({ deviceTypeId: await deviceTypeId("Juniper Networks, Inc."), siteName: "Juniper site" });
    const response = await download(world.admin, id);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-disposition")).toMatch(/-generic-ikev2-keys-hidden\.txt"$/);
    const text = await response.text();
    expect(text).toContain("# AWS has no sample configuration for Juniper Networks, Inc. SRX Routers (JunOS 11.0+).");
    expect(text).toContain("Site-to-Site VPN: settings for a generic IKEv2 device");
    expect(text).toContain(`Pre-shared key            : ${hiddenKeyPlaceholder(1)}`);
    const stored = await readSecrets(getDb(), id, TUNNEL_PSK_NAMES);
    for (const key of stored.values()) expect(text).not.toContain(key);
  });

  it("falls back to the generic configuration when AWS fails to answer", async () => {
    sandboxCloud().setFaults({ internalErrorRate: 1, actions: ["GetVpnConnectionDeviceSampleConfiguration"] });
    try {
      const response = await download(world.admin, connectionId, "?keys=include");
      expect(response.status).toBe(200);
      const text = await response.text();
      expect(text).toContain("could not be fetched just now (InternalError)");
      expect(text).toContain("Site-to-Site VPN: settings for a generic IKEv2 device");
      for (const key of keys) expect(text).toContain(key);
    } finally {
      sandboxCloud().clearFaults();
    }
    const audits = await secretDownloads(connectionId);
    expect(audits.map((audit) => audit.detail?.source).sort()).toEqual(["aws_sample", "generic"]);
  });

  it("shows another cloud's steps with the keys hidden", async () => {
    const id = await provision({ location: "other_cloud", cloud: "azure", siteName: "Azure hub" });
    const connection = await findSiteToSiteConnection(getDb(), world.admin, id);
    const deliverables = await vpnDeliverables(getDb(), connection);
    expect(deliverables?.cloudGuide?.cloud).toBe("azure");
    const commands = deliverables?.cloudGuide?.steps.flatMap((step) => step.commands).join("\n") ?? "";
    expect(commands).toContain(`--shared-key '${hiddenKeyPlaceholder(1)}'`);
    expect(commands).toMatch(/--bgp-peering-address 169\.254\.2[12]\.\d+/);
    const serialised = JSON.stringify(deliverables);
    for (const key of (await readSecrets(getDb(), id, TUNNEL_PSK_NAMES)).values()) expect(serialised).not.toContain(key);
  });

  it("answers that the VPN is not ready before AWS made it, and refuses a bad option", async () => {
    setTestCaller(world.admin);
    const id = await createdId(createSiteToSite, validRequest(world, { siteName: "Not yet" }));
    const response = await download(world.admin, id);
    expect(response.status).toBe(409);
    expect((await response.json()).message).toContain("not ready yet");
    expect(await vpnDeliverables(getDb(), await findSiteToSiteConnection(getDb(), world.admin, id))).toBeNull();
    expect((await download(world.admin, connectionId, "?keys=maybe")).status).toBe(400);
  });
});
