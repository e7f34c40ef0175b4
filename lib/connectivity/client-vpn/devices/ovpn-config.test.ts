import { describe, expect, it } from "vitest";
import { configurationFileName, configurationWithCertificate, configurationWithKey } from "./ovpn-config";

const EXPORTED = ["client", "dev tun", "proto udp", "remote cvpn-endpoint-0123456789abcdef0.prod.clientvpn.us-east-1.amazonaws.com 443", "<ca>", "ROOT", "</ca>", "reneg-sec 0"].join("\n");

describe("the device's .ovpn", () => {
  it("appends the certificate with its issuer, then the key, each as one inline block", () => {
    const withCertificate = configurationWithCertificate(EXPORTED, "LEAF\n", "\nCLIENT CA\n");
    expect(withCertificate).toBe(`${EXPORTED}\n<cert>\nLEAF\nCLIENT CA\n</cert>\n`);
    expect(configurationWithKey(withCertificate, "KEY\n")).toBe(`${withCertificate}<key>\nKEY\n</key>\n`);
  });

  it("refuses an export that is not a client configuration or already holds credentials", () => {
    expect(() => configurationWithCertificate("client\ndev tun\n", "LEAF", "CA")).toThrow(/no remote or CA/);
    expect(() => configurationWithCertificate(`${EXPORTED}\n<cert>\nX\n</cert>\n`, "LEAF", "CA")).toThrow(/already holds/);
  });

  it("names the file after the device", () => {
    expect(configurationFileName("Front desk PC #2")).toBe("front-desk-pc-2.ovpn");
    expect(configurationFileName("   ")).toBe("device.ovpn");
    expect(configurationFileName("Ünïcødé")).toBe("n-c-d.ovpn");
  });
});
