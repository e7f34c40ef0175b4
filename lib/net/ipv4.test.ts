import { describe, expect, it } from "vitest";
import { formatIpv4, parseIpv4, prefixMask } from "@/lib/net/ipv4";

describe("parseIpv4", () => {
  it("reads dotted quads as unsigned integers", () => {
    expect(parseIpv4("0.0.0.0")).toBe(0);
    expect(parseIpv4("10.1.2.3")).toBe(0x0a010203);
    expect(parseIpv4("255.255.255.255")).toBe(0xffffffff);
    expect(parseIpv4("203.0.113.7")).toBe(3405803783);
  });

  it("refuses anything that is not exactly four decimal octets", () => {
    for (const text of ["", "1.2.3", "1.2.3.4.5", "256.1.1.1", "1.2.3.-4", " 1.2.3.4", "1.2.3.4/32", "a.b.c.d", "1..2.3", "0x1.2.3.4"]) {
      expect(parseIpv4(text), text).toBeNull();
    }
  });

  it("refuses leading zeros, which some tools read as octal", () => {
    expect(parseIpv4("010.1.1.1")).toBeNull();
    expect(parseIpv4("10.01.1.1")).toBeNull();
    expect(parseIpv4("10.0.0.0")).toBe(0x0a000000);
  });
});

describe("formatIpv4", () => {
  it("round-trips", () => {
    for (const text of ["0.0.0.0", "1.2.3.4", "169.254.21.1", "255.255.255.255"]) {
      const value = parseIpv4(text);
      expect(value).not.toBeNull();
      expect(formatIpv4(value ?? -1)).toBe(text);
    }
  });
});

describe("prefix masks", () => {
  it("covers the edges", () => {
    expect(prefixMask(0)).toBe(0);
    expect(prefixMask(32)).toBe(0xffffffff);
    expect(formatIpv4(prefixMask(30))).toBe("255.255.255.252");
    expect(formatIpv4(prefixMask(12))).toBe("255.240.0.0");
  });
});
