import { describe, expect, it } from "vitest";
import { zoneIdFor, zoneNameFor, zonesFor } from "@/lib/sandbox/accounts/zones";

describe("zones", () => {
  it("gives every account all of the region's zone ids under stable, account-specific names", () => {
    const zones = zonesFor("111122223333", "us-east-1");
    expect(zones.map((z) => z.zoneName)).toEqual(["a", "b", "c", "d", "e", "f"].map((l) => `us-east-1${l}`));
    expect(zones.map((z) => z.zoneId).sort()).toEqual([1, 2, 3, 4, 5, 6].map((n) => `use1-az${n}`));
    expect(zonesFor("111122223333", "us-east-1")).toEqual(zones);
    const name = zoneNameFor("111122223333", "us-east-1", "use1-az4") ?? "";
    expect(zoneIdFor("111122223333", "us-east-1", name)).toBe("use1-az4");
    expect(zonesFor("1", "mars-1")).toEqual([]);
  });
});
