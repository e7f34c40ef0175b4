import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { auditLog, connectionSecrets, connections, planRuns } from "@/db/schema";
import { sandboxCloud } from "@/lib/aws/sandbox-link";
import { setTestCaller } from "@/lib/testing/session";
import { createSiteToSite } from "@/app/(app)/connections/site-to-site/actions";
import { callAction, setUpWorld, validRequest, type World } from "./testing/harness";

/** Every invalid field is refused with a message under that field, and nothing is written or created. */
let world: World;
beforeAll(async () => {
  world = await setUpWorld(getDb());
});

async function rowCounts() {
  const db = getDb();
  return {
    connections: (await db.select().from(connections)).length,
    runs: (await db.select().from(planRuns)).length,
    secrets: (await db.select().from(connectionSecrets)).length,
    audit: (await db.select().from(auditLog)).length,
  };
}

const cases: Array<[string, (w: World) => Record<string, unknown>, string]> = [
  ["an empty site name", () => ({ siteName: "" }), "siteName"],
  ["a private device address", () => ({ deviceIp: "10.1.2.3" }), "deviceIp"],
  ["a documentation device address", () => ({ deviceIp: "198.51.100.7" }), "deviceIp"],
  ["not an address", () => ({ deviceIp: "vpn.example.com" }), "deviceIp"],
  ["an ASN AWS reserves", () => ({ routing: { type: "bgp", asn: 7224 } }), "routing.asn"],
  ["the AWS side's own ASN", () => ({ routing: { type: "bgp", asn: 64512 } }), "routing.asn"],
  ["no routing", () => ({ routing: { type: "ospf" } }), "routing.type"],
  ["no networks", () => ({ onPremCidrs: [] }), "onPremCidrs"],
  ["overlapping networks", () => ({ onPremCidrs: ["192.168.0.0/16", "192.168.4.0/24"] }), "onPremCidrs.1"],
  ["host bits set", () => ({ onPremCidrs: ["192.168.1.1/16"] }), "onPremCidrs.0"],
  ["networks covering the landing pool", () => ({ onPremCidrs: ["10.0.0.0/8"] }), "onPremCidrs"],
  ["a device type AWS does not list", () => ({ deviceTypeId: "no-such-device" }), "deviceTypeId"],
  ["an unknown product", () => ({ productRegionIds: [randomUUID()] }), "productRegionIds.0"],
  ["products in two regions", (w) => ({ productRegionIds: [w.analyticsUsEast, w.analyticsEuWest] }), "productRegionIds"],
  ["a reserved tunnel inside CIDR", () => ({ tunnels: [{ insideCidr: "169.254.0.0/30" }, {}] }), "tunnels.0.insideCidr"],
  ["equal tunnel inside CIDRs", () => ({ tunnels: [{ insideCidr: "169.254.10.0/30" }, { insideCidr: "169.254.10.0/30" }] }), "tunnels.1.insideCidr"],
  ["a key starting with 0", () => ({ tunnels: [{ preSharedKey: "0123456789" }, {}] }), "tunnels.0.preSharedKey"],
  ["a short key", () => ({ tunnels: [{}, { preSharedKey: "short" }] }), "tunnels.1.preSharedKey"],
  ["another cloud without naming it", () => ({ location: "other_cloud" }), "cloud"],
  ["Google Cloud with static routing", () => ({ location: "other_cloud", cloud: "gcp", routing: { type: "static" } }), "routing.type"],
];

describe("bad Site-to-Site requests", () => {
  it.each(cases)("refuses %s under %s, writing and creating nothing", async (_name, override, field) => {
    setTestCaller(world.admin);
    const before = await rowCounts();
    const calls = sandboxCloud().calls().length;
    const result = await callAction(createSiteToSite, validRequest(world, override(world)));
    expect(result.ok).toBe(false);
    expect(result.code).toBe("invalid_input");
    expect(result.fieldErrors?.[field]?.[0], JSON.stringify(result.fieldErrors)).toEqual(expect.any(String));
    expect(await rowCounts()).toEqual(before);
    const creates = sandboxCloud()
      .calls()
      .slice(calls)
      .filter((call) => /^(Create|Attach|Associate)/.test(call.action));
    expect(creates).toEqual([]);
  });

  it("accepts the valid request the cases start from", async () => {
    setTestCaller(world.admin);
    const result = await callAction(createSiteToSite, validRequest(world));
    expect(result).toMatchObject({ ok: true });
  });
});
