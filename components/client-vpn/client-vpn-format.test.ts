import { describe, expect, it } from "vitest";
import { stepTone } from "@/components/site-to-site/plan-format";
import { clientVpnStepLabel, formatBytes, formatTimeOfDay, todayUtc } from "./client-vpn-format";

describe("Client VPN page formatting", () => {
  it("shows byte counts in decimal units a person can read", () => {
    expect(formatBytes(0)).toBe("0 B");
    expect(formatBytes(999)).toBe("999 B");
    expect(formatBytes(1_500)).toBe("1.5 KB");
    expect(formatBytes(23_400_000)).toBe("23 MB");
    expect(formatBytes(1_234_000_000)).toBe("1.2 GB");
    expect(formatBytes(5_000_000_000_000_000)).toBe("5000 TB");
    expect(formatBytes(-4)).toBe("0 B");
  });

  it("names the shared environment's steps and spells out unknown ones", () => {
    expect(clientVpnStepLabel("associations")).toBe("Endpoint associated with the subnets");
    expect(clientVpnStepLabel("environmentReady")).toBe("Environment Ready");
  });

  it("treats a cancelled step as idle and a waiting one as moving", () => {
    expect(stepTone("cancelled")).toBe("idle");
    expect(stepTone("waiting")).toBe("active");
    expect(stepTone("undone")).toBe("done");
  });

  it("tells the next import time in UTC to the minute", () => {
    expect(formatTimeOfDay("2026-11-21T09:05:59.000Z")).toBe("09:05 UTC");
  });

  it("offers today, in UTC, as the earliest expiry", () => {
    expect(todayUtc(new Date("2026-12-31T23:30:00-05:00"))).toBe("2027-01-01");
  });
});
