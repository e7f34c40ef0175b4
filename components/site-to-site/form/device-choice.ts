import type { VpnDeviceType } from "@/lib/connectivity/site-to-site/device-types";

export interface DeviceChoice {
  vendor: string;
  platform: string;
  software: string;
}

export const NO_DEVICE: DeviceChoice = { vendor: "", platform: "", software: "" };

function unique(values: string[]): string[] {
  return [...new Set(values)].sort((a, b) => a.localeCompare(b));
}

/** The vendors in AWS's list, for the first select. */
export function vendorsOf(types: readonly VpnDeviceType[]): string[] {
  return unique(types.map((type) => type.vendor));
}

/** AWS's vendor-neutral entry: its configuration is plain IKE/IPsec that any standards-based gateway takes. */
export function genericDevice(types: readonly VpnDeviceType[]): DeviceChoice | null {
  const generic = types.find((type) => type.vendor.toLowerCase() === "generic");
  return generic ? { vendor: generic.vendor, platform: generic.platform, software: generic.software } : null;
}

/**
 * What the three selects amount to: a level with a single option is chosen for the customer, and
 * the device type id exists once all three match an entry of AWS's list.
 */
export function resolveDevice(types: readonly VpnDeviceType[], choice: DeviceChoice) {
  const ofVendor = types.filter((type) => type.vendor === choice.vendor);
  const platforms = unique(ofVendor.map((type) => type.platform));
  const platform = platforms.includes(choice.platform) ? choice.platform : platforms.length === 1 ? (platforms[0] ?? "") : "";
  const ofPlatform = ofVendor.filter((type) => type.platform === platform);
  const softwares = unique(ofPlatform.map((type) => type.software));
  const software = softwares.includes(choice.software) ? choice.software : softwares.length === 1 ? (softwares[0] ?? "") : "";
  const id = ofPlatform.find((type) => type.software === software)?.id ?? "";
  return { platforms, platform, softwares, software, id };
}
