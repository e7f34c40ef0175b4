import { describe, expect, it } from "vitest";
import { Timing } from "./latency";
import { Prng } from "./prng";

describe("sandbox timing", () => {
  it("scales AWS's durations, and rescales what starts afterwards", () => {
    const timing = new Timing("realistic", 0.1);
    // A VPN connection takes 3 to 10 minutes at AWS.
    const before = timing.vpnConnectionProvisionMs(new Prng(7));
    expect(before).toBeGreaterThanOrEqual(18_000);
    expect(before).toBeLessThanOrEqual(60_000);
    timing.rescale(0.01);
    expect(timing.timeScale).toBe(0.01);
    // The same draw at a tenth of the scale.
    expect(timing.vpnConnectionProvisionMs(new Prng(7))).toBeCloseTo(before / 10, -1);
  });

  it("refuses a scale for the instant profile, and a scale that is not positive", () => {
    expect(() => new Timing("instant", 0).rescale(0.1)).toThrow(/instant/);
    expect(() => new Timing("realistic", 0.1).rescale(0)).toThrow(/positive/);
    expect(new Timing("instant", 0).vpnConnectionProvisionMs(new Prng(7))).toBe(0);
  });
});
