import { isSupportedRegion, supportedRegions, zonesFor, type Zone } from "@/lib/sandbox/accounts/zones";
import { SandboxError, invalidParameterValue } from "@/lib/sandbox/sandbox-error";
import type { ActionSpec } from "@/lib/sandbox/services/service";
import { applyFilters, readFilters } from "@/lib/sandbox/services/ec2/filters";

export const zoneActions: Record<string, ActionSpec> = {
  DescribeAvailabilityZones: {
    mutates: false,
    run(context) {
      const region = context.region;
      const field = (zone: Zone, name: string): string[] | undefined => {
        switch (name) {
          case "zone-name":
            return [zone.zoneName];
          case "zone-id":
            return [zone.zoneId];
          case "region-name":
            return [region];
          case "state":
            return ["available"];
          case "zone-type":
            return ["availability-zone"];
          case "group-name":
          case "network-border-group":
            return [region];
          case "opt-in-status":
            return ["opt-in-not-required"];
          default:
            return undefined;
        }
      };
      const zones = zonesFor(context.accountId, region);
      const names = context.params.list("ZoneName");
      const ids = context.params.list("ZoneId");
      for (const name of names) {
        if (!zones.some((zone) => zone.zoneName === name)) {
          throw invalidParameterValue(`The zone '${name}' does not exist.`);
        }
      }
      for (const id of ids) {
        if (!zones.some((zone) => zone.zoneId === id)) throw invalidParameterValue(`The zone ID '${id}' does not exist.`);
      }
      const selected = zones.filter(
        (zone) =>
          (names.length === 0 && ids.length === 0) || names.includes(zone.zoneName) || ids.includes(zone.zoneId),
      );
      const filtered = applyFilters(selected, readFilters(context.params), field, () => ({}));
      return {
        availabilityZoneInfo: filtered.map((zone) => ({
          zoneName: zone.zoneName,
          zoneId: zone.zoneId,
          zoneState: "available",
          regionName: region,
          zoneType: "availability-zone",
          optInStatus: "opt-in-not-required",
          groupName: region,
          networkBorderGroup: region,
          messageSet: [],
        })),
      };
    },
  },
  DescribeRegions: {
    mutates: false,
    run(context) {
      const requested = context.params.list("RegionName");
      for (const name of requested) {
        if (!isSupportedRegion(name)) throw new SandboxError("InvalidParameterValue", `Invalid region: ${name}`);
      }
      const regions = supportedRegions().filter((name) => requested.length === 0 || requested.includes(name));
      const field = (name: string, filter: string): string[] | undefined => {
        switch (filter) {
          case "region-name":
            return [name];
          case "endpoint":
            return [`ec2.${name}.amazonaws.com`];
          case "opt-in-status":
            return ["opt-in-not-required"];
          default:
            return undefined;
        }
      };
      const filtered = applyFilters(regions, readFilters(context.params), field, () => ({}));
      return {
        regionInfo: filtered.map((name) => ({
          regionName: name,
          regionEndpoint: `ec2.${name}.amazonaws.com`,
          optInStatus: "opt-in-not-required",
        })),
      };
    },
  },
};
