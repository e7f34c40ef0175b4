import { Prng, hash32 } from "@/lib/sandbox/prng";

interface RegionInfo {
  /** Prefix of zone ids: use1-az1. */
  zoneIdPrefix: string;
  zoneCount: number;
}

const REGIONS: Readonly<Record<string, RegionInfo>> = {
  "us-east-1": { zoneIdPrefix: "use1", zoneCount: 6 },
  "us-east-2": { zoneIdPrefix: "use2", zoneCount: 3 },
  "us-west-2": { zoneIdPrefix: "usw2", zoneCount: 4 },
  "eu-west-1": { zoneIdPrefix: "euw1", zoneCount: 3 },
  "eu-central-1": { zoneIdPrefix: "euc1", zoneCount: 3 },
  "ap-southeast-2": { zoneIdPrefix: "apse2", zoneCount: 3 },
};

export function supportedRegions(): string[] {
  return Object.keys(REGIONS);
}

export function isSupportedRegion(region: string): boolean {
  return Object.hasOwn(REGIONS, region);
}

export interface Zone {
  zoneName: string;
  zoneId: string;
}

/**
 * The account's view of the region's zones. AWS maps zone names to physical zones differently per
 * account; zone ids are the same everywhere. The permutation is derived from account+region, so it
 * is stable across restarts without being stored.
 */
export function zonesFor(accountId: string, region: string): Zone[] {
  const info = REGIONS[region];
  if (!info) return [];
  const zoneIds = Array.from({ length: info.zoneCount }, (_, i) => `${info.zoneIdPrefix}-az${i + 1}`);
  const prng = new Prng(hash32(`zones:${accountId}:${region}`));
  for (let i = zoneIds.length - 1; i > 0; i -= 1) {
    const j = prng.int(0, i);
    [zoneIds[i], zoneIds[j]] = [zoneIds[j], zoneIds[i]];
  }
  return zoneIds.map((zoneId, i) => ({ zoneName: `${region}${String.fromCharCode(97 + i)}`, zoneId }));
}

export function zoneNameFor(accountId: string, region: string, zoneId: string): string | undefined {
  return zonesFor(accountId, region).find((zone) => zone.zoneId === zoneId)?.zoneName;
}

export function zoneIdFor(accountId: string, region: string, zoneName: string): string | undefined {
  return zonesFor(accountId, region).find((zone) => zone.zoneName === zoneName)?.zoneId;
}
