import { describe, expect, it } from "vitest";
import { criticalPathMs, median, sequentialMs, type TimedStep } from "./critical-path";

// The Site-to-Site plan's shape, with round durations.
const steps: TimedStep[] = [
  { name: "landingCidr", dependsOn: [], durationMs: 1 },
  { name: "vpc", dependsOn: ["landingCidr"], durationMs: 2 },
  { name: "subnets", dependsOn: ["vpc"], durationMs: 3 },
  { name: "securityGroups", dependsOn: ["vpc"], durationMs: 4 },
  { name: "customerGateway", dependsOn: ["landingCidr"], durationMs: 5 },
  { name: "gateway", dependsOn: ["landingCidr"], durationMs: 10 },
  { name: "gatewayAttachment", dependsOn: ["vpc", "subnets", "gateway"], durationMs: 40 },
  { name: "vpnConnection", dependsOn: ["customerGateway", "gateway"], durationMs: 300 },
  { name: "vpnRouting", dependsOn: ["vpnConnection", "gatewayAttachment"], durationMs: 6 },
  { name: "endpoints", dependsOn: ["vpc", "subnets", "securityGroups"], durationMs: 90 },
  { name: "resolver", dependsOn: ["subnets", "securityGroups"], durationMs: 120 },
  { name: "activate", dependsOn: ["vpnRouting", "endpoints", "resolver"], durationMs: 1 },
];

describe("plan run figures", () => {
  it("takes the longest chain through the graph as the critical path", () => {
    // landingCidr -> gateway -> vpnConnection -> vpnRouting -> activate
    expect(criticalPathMs(steps)).toBe(1 + 10 + 300 + 6 + 1);
    expect(sequentialMs(steps)).toBe(582);
    // A slower resolver takes over the critical path.
    const slowResolver = steps.map((step) => (step.name === "resolver" ? { ...step, durationMs: 400 } : step));
    expect(criticalPathMs(slowResolver)).toBe(1 + 2 + 4 + 400 + 1);
  });

  it("refuses timings that do not form the plan's graph", () => {
    expect(() => criticalPathMs([{ name: "a", dependsOn: ["missing"], durationMs: 1 }])).toThrow(/No timing/);
    expect(() =>
      criticalPathMs([
        { name: "a", dependsOn: ["b"], durationMs: 1 },
        { name: "b", dependsOn: ["a"], durationMs: 1 },
      ]),
    ).toThrow(/cycle/);
  });

  it("takes the median of odd and even counts", () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(() => median([])).toThrow();
  });
});
