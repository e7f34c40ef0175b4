import { describe, expect, it } from "vitest";
import { deliveredLocations, deliveredTypes, typeOption } from "./catalog";

describe("connectivity catalog", () => {
  it("offers PrivateLink on AWS, Site-to-Site VPN on premises and on other clouds, and Client VPN on premises", () => {
    expect(deliveredLocations().map((l) => l.id)).toEqual(["aws", "on_premises", "other_cloud"]);
    expect(deliveredTypes("aws").map((t) => t.id)).toEqual(["privatelink"]);
    expect(deliveredTypes("on_premises").map((t) => t.id)).toEqual(["site_to_site", "client_vpn"]);
    expect(deliveredTypes("other_cloud").map((t) => t.id)).toEqual(["site_to_site"]);
  });

  it("explains each offer for its location", () => {
    const [onPremises] = deliveredTypes("on_premises");
    const [otherCloud] = deliveredTypes("other_cloud");
    expect(onPremises?.explanation).toMatch(/VPN device/);
    expect(otherCloud?.explanation).toMatch(/Azure, Google Cloud, Oracle/);
    expect(typeOption("site_to_site")?.title).toBe("Site-to-Site VPN");
  });

  it("describes Client VPN for machines on premises", () => {
    const clientVpn = typeOption("client_vpn");
    expect(clientVpn?.location).toBe("on_premises");
    expect(clientVpn?.title).toBe("Client VPN (a few machines or remote users)");
    expect(clientVpn?.explanation).toMatch(/AWS VPN Client or OpenVPN/);
    expect(clientVpn?.delivered).toBe(true);
  });

  it("lists every type once per location", () => {
    for (const location of deliveredLocations()) {
      const ids = deliveredTypes(location.id).map((t) => t.id);
      expect(new Set(ids).size).toBe(ids.length);
    }
  });
});
