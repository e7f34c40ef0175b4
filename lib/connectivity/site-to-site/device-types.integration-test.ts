import { describe, expect, it } from "vitest";
import { sandboxCloud } from "@/lib/aws/sandbox-link";
import { deviceTypeIds, vpnDeviceTypes } from "./device-types";

describe("VPN device types", () => {
  it("reads vendor, platform and software for every device AWS lists, once per region", async () => {
    const types = await vpnDeviceTypes("us-east-1");
    expect(types.length).toBeGreaterThan(5);
    for (const type of types) {
      expect(type.id).not.toBe("");
      expect(type.vendor).not.toBe("");
      expect(type.platform).not.toBe("");
      expect(type.software).not.toBe("");
    }
    expect(types).toContainEqual(expect.objectContaining({ vendor: "Generic", software: "Vendor Agnostic" }));
    expect(new Set(types.map((type) => type.id)).size).toBe(types.length);
    // Cached: the second read is the same list, not another call to AWS.
    expect(await vpnDeviceTypes("us-east-1")).toBe(types);
    expect(await deviceTypeIds("us-east-1")).toEqual(types.map((type) => type.id));
  });

  it("makes one call for a burst of requests on a cold cache", async () => {
    const since = sandboxCloud().calls().length;
    const lists = await Promise.all(Array.from({ length: 20 }, () => vpnDeviceTypes("eu-west-1")));
    expect(new Set(lists).size).toBe(1);
    const reads = sandboxCloud()
      .calls()
      .slice(since)
      .filter((call) => call.action === "GetVpnConnectionDeviceTypes");
    expect(reads).toHaveLength(1);
  });
});
