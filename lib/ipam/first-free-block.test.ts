import { describe, expect, it } from "vitest";
import { firstFreeBlock } from "@/lib/ipam/first-free-block";
import { formatCidr, requireCidr } from "@/lib/net/cidr";

function free(pool: string, prefix: number, blocked: string[]): string | null {
  const block = firstFreeBlock(requireCidr(pool), prefix, blocked.map(requireCidr));
  return block ? formatCidr(block) : null;
}

describe("firstFreeBlock", () => {
  it("starts at the bottom of the pool", () => {
    expect(free("10.128.0.0/12", 24, [])).toBe("10.128.0.0/24");
    expect(free("10.128.0.0/12", 22, [])).toBe("10.128.0.0/22");
  });

  it("steps over taken blocks, in any order", () => {
    expect(free("10.128.0.0/12", 24, ["10.128.1.0/24", "10.128.0.0/24"])).toBe("10.128.2.0/24");
    expect(free("10.128.0.0/12", 24, ["10.128.0.0/24", "10.128.2.0/24"])).toBe("10.128.1.0/24");
  });

  it("steps over customer ranges of any size, aligned to the block", () => {
    expect(free("10.128.0.0/12", 24, ["10.128.0.0/16"])).toBe("10.129.0.0/24");
    expect(free("10.128.0.0/12", 22, ["10.128.0.0/23", "10.128.4.7/32"])).toBe("10.128.8.0/22");
    expect(free("10.128.0.0/12", 24, ["10.0.0.0/8"])).toBeNull();
    expect(free("10.128.0.0/12", 24, ["10.0.0.0/9", "192.168.0.0/16"])).toBe("10.128.0.0/24");
  });

  it("merges overlapping and adjacent blocked ranges", () => {
    expect(free("10.128.0.0/20", 24, ["10.128.0.0/22", "10.128.2.0/23", "10.128.4.0/24", "10.128.5.0/24"])).toBe("10.128.6.0/24");
  });

  it("answers null when the pool is full", () => {
    const all = Array.from({ length: 16 }, (_, i) => `10.128.${i}.0/24`);
    expect(free("10.128.0.0/20", 24, all)).toBeNull();
    expect(free("10.128.0.0/20", 24, all.slice(1))).toBe("10.128.0.0/24");
    expect(free("10.128.0.0/20", 24, all.slice(0, 15))).toBe("10.128.15.0/24");
  });

  it("stays fast with thousands of allocations", () => {
    const taken = Array.from({ length: 4095 }, (_, i) => formatCidr({ base: requireCidr("10.128.0.0/12").base + i * 256, prefix: 24 }));
    const started = performance.now();
    expect(free("10.128.0.0/12", 24, taken)).toBe("10.143.255.0/24");
    expect(performance.now() - started).toBeLessThan(200);
  });
});
