import { describe, expect, it } from "vitest";
import type { VpnDeviceType } from "@/lib/connectivity/site-to-site/device-types";
import { NO_DEVICE, genericDevice, resolveDevice, vendorsOf } from "./device-choice";

const TYPES: VpnDeviceType[] = [
  { id: "asa-vti", vendor: "Cisco Systems, Inc.", platform: "ASA 5500 Series", software: "ASA 9.7+ VTI" },
  { id: "asa-82", vendor: "Cisco Systems, Inc.", platform: "ASA 5500 Series", software: "ASA 8.2+" },
  { id: "isr", vendor: "Cisco Systems, Inc.", platform: "ISR Series Routers", software: "IOS 12.4+" },
  { id: "generic", vendor: "Generic", platform: "Generic", software: "Vendor Agnostic" },
  { id: "srx", vendor: "Juniper Networks, Inc.", platform: "SRX Routers", software: "JunOS 11.0+" },
];

describe("resolveDevice", () => {
  it("names no device until vendor, platform and software match an entry", () => {
    expect(resolveDevice(TYPES, NO_DEVICE).id).toBe("");
    const cisco = resolveDevice(TYPES, { vendor: "Cisco Systems, Inc.", platform: "", software: "" });
    expect(cisco.platforms).toEqual(["ASA 5500 Series", "ISR Series Routers"]);
    expect(cisco.id).toBe("");
    const asa = resolveDevice(TYPES, { vendor: "Cisco Systems, Inc.", platform: "ASA 5500 Series", software: "" });
    expect(asa.softwares).toEqual(["ASA 8.2+", "ASA 9.7+ VTI"]);
    expect(asa.id).toBe("");
    expect(resolveDevice(TYPES, { vendor: "Cisco Systems, Inc.", platform: "ASA 5500 Series", software: "ASA 9.7+ VTI" }).id).toBe("asa-vti");
  });

  it("chooses a level that has a single option", () => {
    expect(resolveDevice(TYPES, { vendor: "Juniper Networks, Inc.", platform: "", software: "" })).toMatchObject({
      platform: "SRX Routers",
      software: "JunOS 11.0+",
      id: "srx",
    });
    expect(resolveDevice(TYPES, { vendor: "Cisco Systems, Inc.", platform: "ISR Series Routers", software: "" }).id).toBe("isr");
  });

  it("drops a platform or software that does not belong to the vendor", () => {
    const mixed = resolveDevice(TYPES, { vendor: "Cisco Systems, Inc.", platform: "SRX Routers", software: "JunOS 11.0+" });
    expect(mixed.platform).toBe("");
    expect(mixed.id).toBe("");
  });
});

describe("device list helpers", () => {
  it("lists each vendor once, sorted", () => {
    expect(vendorsOf(TYPES)).toEqual(["Cisco Systems, Inc.", "Generic", "Juniper Networks, Inc."]);
  });

  it("finds AWS's vendor-neutral entry, when the list has one", () => {
    const generic = genericDevice(TYPES);
    expect(generic).toEqual({ vendor: "Generic", platform: "Generic", software: "Vendor Agnostic" });
    expect(generic && resolveDevice(TYPES, generic).id).toBe("generic");
    expect(genericDevice(TYPES.filter((type) => type.vendor !== "Generic"))).toBeNull();
  });
});
