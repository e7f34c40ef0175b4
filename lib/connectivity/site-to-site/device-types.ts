import "server-only";
import { GetVpnConnectionDeviceTypesCommand } from "@aws-sdk/client-ec2";
import { providerEc2 } from "@/lib/aws/clients";

/**
 * The VPN devices AWS has sample configurations for (GetVpnConnectionDeviceTypes): the form lists
 * them as vendor -> platform -> software, and the request accepts only their ids.
 */
export interface VpnDeviceType {
  id: string;
  vendor: string;
  platform: string;
  software: string;
}

const DEVICE_TYPES_TTL_MS = 10 * 60_000;
const cache = new Map<string, { types: Promise<VpnDeviceType[]>; expiresAt: number }>();

async function readDeviceTypes(region: string): Promise<VpnDeviceType[]> {
  const types: VpnDeviceType[] = [];
  let NextToken: string | undefined;
  do {
    const page = await providerEc2(region).send(new GetVpnConnectionDeviceTypesCommand({ NextToken, MaxResults: 1000 }));
    for (const type of page.VpnConnectionDeviceTypes ?? []) {
      if (!type.VpnConnectionDeviceTypeId) continue;
      types.push({ id: type.VpnConnectionDeviceTypeId, vendor: type.Vendor ?? "", platform: type.Platform ?? "", software: type.Software ?? "" });
    }
    NextToken = page.NextToken;
  } while (NextToken);
  return types;
}

/**
 * Cached per region: AWS's list changes with its releases, not per request. Requests arriving
 * while the list is being read share that one read, so a burst of sign-ups makes one call, not one each.
 */
export function vpnDeviceTypes(region: string): Promise<VpnDeviceType[]> {
  const cached = cache.get(region);
  if (cached && cached.expiresAt > Date.now()) return cached.types;
  const types = readDeviceTypes(region);
  cache.set(region, { types, expiresAt: Date.now() + DEVICE_TYPES_TTL_MS });
  // A failed read is not cached: the next request asks AWS again.
  types.catch(() => {
    if (cache.get(region)?.types === types) cache.delete(region);
  });
  return types;
}

export async function deviceTypeIds(region: string): Promise<string[]> {
  return (await vpnDeviceTypes(region)).map((type) => type.id);
}
