import { describe, expect, it } from "vitest";
import {
  alignUp,
  cidrSize,
  contains,
  containsAddress,
  formatCidr,
  hasHostBits,
  lastAddress,
  networkOf,
  overlaps,
  parseCidr,
  parseCidrNotation,
  requireCidr,
  sameCidr,
} from "@/lib/net/cidr";
import { formatIpv4, parseIpv4 } from "@/lib/net/ipv4";

const c = requireCidr;

describe("parsing", () => {
  it("accepts canonical networks and formats them back", () => {
    for (const text of ["0.0.0.0/0", "10.0.0.0/8", "10.128.0.0/12", "192.168.1.0/24", "169.254.10.4/30", "8.8.8.8/32"]) {
      expect(formatCidr(c(text))).toBe(text);
    }
  });

  it("reads a notation with host bits and can say its network", () => {
    const notation = parseCidrNotation("10.1.2.3/16");
    expect(notation).not.toBeNull();
    if (!notation) return;
    expect(hasHostBits(notation)).toBe(true);
    expect(formatCidr(networkOf(notation))).toBe("10.1.0.0/16");
    expect(parseCidr("10.1.2.3/16")).toBeNull();
  });

  it("refuses malformed text", () => {
    for (const text of ["10.0.0.0", "10.0.0.0/33", "10.0.0.0/", "/8", "10.0.0/8", "10.0.0.0/08", "10.0.0.0 /8", "300.0.0.0/8", "10.0.0.0/8/8"]) {
      expect(parseCidrNotation(text), text).toBeNull();
    }
    expect(() => requireCidr("10.0.0.1/8")).toThrow(/canonical/);
  });
});

describe("arithmetic", () => {
  it("knows sizes and ends", () => {
    expect(cidrSize(c("10.0.0.0/8"))).toBe(16_777_216);
    expect(cidrSize(c("0.0.0.0/0"))).toBe(2 ** 32);
    expect(formatIpv4(lastAddress(c("10.128.0.0/12")))).toBe("10.143.255.255");
    expect(formatIpv4(lastAddress(c("0.0.0.0/0")))).toBe("255.255.255.255");
  });

  it("tests containment of addresses and networks", () => {
    expect(containsAddress(c("172.16.0.0/12"), parseIpv4("172.31.255.255") ?? 0)).toBe(true);
    expect(containsAddress(c("172.16.0.0/12"), parseIpv4("172.32.0.0") ?? 0)).toBe(false);
    expect(contains(c("10.0.0.0/8"), c("10.200.0.0/16"))).toBe(true);
    expect(contains(c("10.0.0.0/8"), c("10.0.0.0/8"))).toBe(true);
    expect(contains(c("10.200.0.0/16"), c("10.0.0.0/8"))).toBe(false);
    expect(contains(c("0.0.0.0/0"), c("255.255.255.255/32"))).toBe(true);
  });

  it("tests overlap both ways, including adjacency", () => {
    expect(overlaps(c("10.0.0.0/16"), c("10.0.128.0/17"))).toBe(true);
    expect(overlaps(c("10.0.128.0/17"), c("10.0.0.0/16"))).toBe(true);
    expect(overlaps(c("10.0.0.0/17"), c("10.0.128.0/17"))).toBe(false);
    expect(overlaps(c("192.168.0.0/24"), c("192.168.0.255/32"))).toBe(true);
    expect(sameCidr(c("10.0.0.0/8"), c("10.0.0.0/8"))).toBe(true);
    expect(sameCidr(c("10.0.0.0/8"), c("10.0.0.0/9"))).toBe(false);
  });

  it("aligns an address up to a block boundary", () => {
    expect(formatIpv4(alignUp(parseIpv4("10.0.0.1") ?? 0, 24))).toBe("10.0.1.0");
    expect(formatIpv4(alignUp(parseIpv4("10.0.1.0") ?? 0, 24))).toBe("10.0.1.0");
    expect(formatIpv4(alignUp(parseIpv4("10.0.1.0") ?? 0, 22))).toBe("10.0.4.0");
  });
});
