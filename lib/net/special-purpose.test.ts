import { describe, expect, it } from "vitest";
import { requireCidr } from "@/lib/net/cidr";
import { parseIpv4 } from "@/lib/net/ipv4";
import { specialPurposeRangeOf, specialPurposeRangesOverlapping } from "@/lib/net/special-purpose";

function kindOf(text: string) {
  const address = parseIpv4(text);
  if (address === null) throw new Error(text);
  return specialPurposeRangeOf(address)?.kind ?? "public";
}

describe("special-purpose IPv4 ranges", () => {
  it.each([
    ["0.1.2.3", "this_network"],
    ["10.20.30.40", "private"],
    ["100.64.0.1", "shared"],
    ["100.127.255.255", "shared"],
    ["127.0.0.1", "loopback"],
    ["169.254.169.254", "link_local"],
    ["172.16.0.1", "private"],
    ["172.31.255.254", "private"],
    ["192.0.0.8", "ietf_protocol"],
    ["192.0.2.10", "documentation"],
    ["192.88.99.1", "relay"],
    ["192.168.1.1", "private"],
    ["198.18.0.1", "benchmarking"],
    ["198.19.255.255", "benchmarking"],
    ["198.51.100.20", "documentation"],
    ["203.0.113.5", "documentation"],
    ["224.0.0.5", "multicast"],
    ["239.255.255.250", "multicast"],
    ["240.0.0.1", "reserved"],
    ["255.255.255.254", "reserved"],
    ["255.255.255.255", "broadcast"],
  ])("%s is %s", (address, kind) => {
    expect(kindOf(address)).toBe(kind);
  });

  it.each(["1.1.1.1", "8.8.8.8", "100.63.255.255", "100.128.0.0", "172.15.255.255", "172.32.0.0", "192.0.1.1", "192.169.0.1", "198.17.255.255", "198.20.0.0", "203.0.114.1", "223.255.255.255"])(
    "%s is an ordinary public address",
    (address) => {
      expect(kindOf(address)).toBe("public");
    },
  );

  it("lists the special blocks a network touches", () => {
    expect(specialPurposeRangesOverlapping(requireCidr("172.0.0.0/8")).map((r) => r.text)).toEqual(["172.16.0.0/12"]);
    expect(specialPurposeRangesOverlapping(requireCidr("8.0.0.0/8"))).toEqual([]);
    expect(specialPurposeRangesOverlapping(requireCidr("255.255.255.0/24")).map((r) => r.kind)).toEqual(["broadcast", "reserved"]);
  });

  it("describes each range for people", () => {
    expect(specialPurposeRangeOf(parseIpv4("10.0.0.1") ?? 0)?.description).toBe("private address space (RFC 1918)");
  });
});
