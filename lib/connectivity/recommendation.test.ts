import { describe, expect, it } from "vitest";
import { deliveredTypes } from "./catalog";
import {
  FEW_MACHINES,
  machineCount,
  recommendConnectivity,
  type ConnectivityNeeds,
  type Recommendation,
  type RecommendableType,
  type SiteLocation,
  type TradeOffAspect,
} from "./recommendation";

const SITE_LOCATIONS: SiteLocation[] = ["on_premises", "other_cloud"];
const MACHINE_COUNTS = [1, 3, FEW_MACHINES, FEW_MACHINES + 1, 500];
const ASPECTS: TradeOffAspect[] = ["size", "device", "latency", "acceleration", "isolation", "cost"];

function catalogIds(location: ConnectivityNeeds["location"]): RecommendableType[] {
  return deliveredTypes(location).map((t) => t.id);
}

function allText(recommendation: Recommendation): string {
  return [
    recommendation.shortfall ?? "",
    recommendation.requirement ?? "",
    ...recommendation.reasons.map((r) => r.text),
    ...recommendation.alternatives.map((a) => a.whyNot),
  ].join("\n");
}

function recommend(needs: ConnectivityNeeds, delivered: readonly RecommendableType[]): Recommendation {
  const recommendation = recommendConnectivity(needs, delivered);
  if (!recommendation) throw new Error(`no recommendation for ${JSON.stringify(needs)} among ${delivered.join(", ")}`);
  return recommendation;
}

/** Every answer a customer can give at a site, against every set of delivered types that could exist. */
const SITE_CASES = SITE_LOCATIONS.flatMap((location) =>
  MACHINE_COUNTS.flatMap((machines) =>
    [true, false].flatMap((vpnDevice) =>
      [catalogIds(location), ["site_to_site", "client_vpn"], ["client_vpn"], ["site_to_site"]].map((delivered) => ({
        needs: { location, machines, vpnDevice } satisfies ConnectivityNeeds,
        delivered: delivered as RecommendableType[],
      })),
    ),
  ),
);

describe("recommendConnectivity", () => {
  it("recommends PrivateLink on AWS, the best fit, with every trade-off", () => {
    const recommendation = recommend({ location: "aws" }, catalogIds("aws"));
    expect(recommendation).toMatchObject({ type: "privatelink", bestFit: true, alternatives: [] });
    expect(recommendation.requirement).toBeUndefined();
    expect(recommendation.shortfall).toBeUndefined();
    expect(recommendation.reasons.map((r) => r.aspect).sort()).toEqual([...ASPECTS].sort());
    expect(allText(recommendation)).toMatch(/\$0\.02 an hour for an endpoint in 2 zones/);
  });

  it("offers only delivered types, each once, and says nothing when none is delivered", () => {
    for (const { needs, delivered } of SITE_CASES) {
      const recommendation = recommend(needs, delivered);
      const offered = [recommendation.type, ...recommendation.alternatives.map((a) => a.type)];
      expect(delivered).toEqual(expect.arrayContaining(offered));
      expect(offered).toHaveLength(delivered.length);
      expect(new Set(offered).size).toBe(offered.length);
      expect(recommendConnectivity(needs, [])).toBeNull();
      // PrivateLink only works from inside AWS.
      expect(recommendConnectivity(needs, ["privatelink"])).toBeNull();
    }
    expect(recommendConnectivity({ location: "aws" }, ["site_to_site"])).toBeNull();
  });

  it("never names a type that is not delivered", () => {
    for (const { needs, delivered } of SITE_CASES) {
      const text = allText(recommend(needs, delivered));
      if (!delivered.includes("client_vpn")) expect(text).not.toMatch(/Client VPN|OpenVPN|VPN client/);
      if (!delivered.includes("site_to_site")) expect(text).not.toMatch(/Site-to-Site/);
    }
  });

  it("covers every trade-off, and asks for a VPN device exactly when Site-to-Site needs one the customer lacks", () => {
    for (const { needs, delivered } of SITE_CASES) {
      const recommendation = recommend(needs, delivered);
      const aspects = recommendation.reasons.map((r) => r.aspect);
      expect(new Set(aspects).size).toBe(aspects.length);
      const needsDevice = recommendation.type === "site_to_site" && !needs.vpnDevice;
      expect(recommendation.requirement !== undefined).toBe(needsDevice);
      // The device trade-off is either a reason or the requirement.
      expect([...aspects, ...(needsDevice ? ["device"] : [])].sort()).toEqual([...ASPECTS].sort());
      for (const reason of recommendation.reasons) expect(reason.text).not.toBe("");
    }
  });

  it("recommends Client VPN from today's catalog for 3 laptops on premises without a VPN device", () => {
    const recommendation = recommend({ location: "on_premises", machines: 3, vpnDevice: false }, catalogIds("on_premises"));
    expect(recommendation).toMatchObject({ type: "client_vpn", bestFit: true });
  });

  it("is honest when the best fit for 3 laptops without a VPN device is not offered on premises", () => {
    const recommendation = recommend({ location: "on_premises", machines: 3, vpnDevice: false }, ["site_to_site"]);
    expect(recommendation).toMatchObject({ type: "site_to_site", bestFit: false, alternatives: [] });
    expect(recommendation.shortfall).toBe("None of the ways we offer here connects machines one by one without a VPN device.");
    expect(recommendation.requirement).toMatch(/needs a VPN device at your site: a router or firewall that speaks IPsec/);
    expect(recommendation.reasons.find((r) => r.aspect === "size")?.text).toMatch(/^All 3 machines reach us through one connection/);
  });

  it("on another cloud, asks for the cloud's VPN gateway", () => {
    const recommendation = recommend({ location: "other_cloud", machines: 2, vpnDevice: false }, catalogIds("other_cloud"));
    expect(recommendation.type).toBe("site_to_site");
    expect(recommendation.requirement).toMatch(/Azure VPN Gateway, Google Cloud HA VPN, Oracle Cloud's Site-to-Site VPN/);
    const withGateway = recommend({ location: "other_cloud", machines: 2, vpnDevice: true }, catalogIds("other_cloud"));
    expect(withGateway).toMatchObject({ type: "site_to_site", bestFit: true });
    expect(withGateway.reasons.find((r) => r.aspect === "device")?.text).toMatch(/your cloud's VPN gateway/);
  });

  it("recommends Site-to-Site whenever there is a VPN device, with its hourly cost and acceleration", () => {
    for (const location of SITE_LOCATIONS) {
      for (const machines of MACHINE_COUNTS) {
        const recommendation = recommend({ location, machines, vpnDevice: true }, ["site_to_site", "client_vpn"]);
        expect(recommendation).toMatchObject({ type: "site_to_site", bestFit: true });
        expect(recommendation.alternatives).toEqual([{ type: "client_vpn", whyNot: expect.stringMatching(/^Your VPN device connects the whole site at once/) }]);
        const text = allText(recommendation);
        expect(text).toMatch(/About \$0\.05 an hour for the VPN connection/);
        expect(text).toMatch(/transit gateway attachment \(about \$0\.05 an hour\)/);
      }
    }
  });

  it("once Client VPN is delivered, recommends it for a few machines without a device, and Site-to-Site beyond", () => {
    const few = recommend({ location: "on_premises", machines: 3, vpnDevice: false }, ["site_to_site", "client_vpn"]);
    expect(few).toMatchObject({ type: "client_vpn", bestFit: true });
    expect(few.requirement).toBeUndefined();
    expect(few.reasons.find((r) => r.aspect === "cost")?.text).toMatch(/\$0\.15 an hour with all 3 machines connected/);
    expect(few.alternatives).toEqual([{ type: "site_to_site", whyNot: expect.stringMatching(/needs a VPN device/) }]);

    expect(recommend({ location: "on_premises", machines: FEW_MACHINES, vpnDevice: false }, ["site_to_site", "client_vpn"]).type).toBe("client_vpn");

    const many = recommend({ location: "on_premises", machines: FEW_MACHINES + 1, vpnDevice: false }, ["site_to_site", "client_vpn"]);
    expect(many).toMatchObject({ type: "site_to_site", bestFit: true });
    expect(many.requirement).toMatch(/needs a VPN device/);
    expect(many.alternatives[0]?.whyNot).toMatch(/^With 11 machines, .*\$0\.55 an hour with all connected.*a VPN device for the site is worth it\.$/);
  });

  it("says what is missing without naming it when only Client VPN is offered to a site with a device", () => {
    const recommendation = recommend({ location: "on_premises", machines: 3, vpnDevice: true }, ["client_vpn"]);
    expect(recommendation).toMatchObject({ type: "client_vpn", bestFit: false, alternatives: [] });
    expect(recommendation.shortfall).toBe("None of the ways we offer here connects your whole site through your VPN device.");
  });

  it("counts one machine in the singular", () => {
    const recommendation = recommend({ location: "on_premises", machines: 1, vpnDevice: true }, ["site_to_site"]);
    expect(recommendation.reasons.find((r) => r.aspect === "size")?.text).toMatch(/^Your machine reaches us/);
  });
});

describe("machineCount", () => {
  it("takes a whole number of machines from the form", () => {
    expect(machineCount.parse("3")).toBe(3);
    expect(machineCount.parse(" 250 ")).toBe(250);
  });

  it.each([
    ["0", /at least 1/],
    ["-2", /at least 1/],
    ["2.5", /whole number/],
    ["lots", /how many machines/],
    ["100001", /at most 100,000/],
  ])("refuses %j", (raw, message) => {
    const result = machineCount.safeParse(raw);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toMatch(message);
  });
});
