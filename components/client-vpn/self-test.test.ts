import { describe, expect, it } from "vitest";
import { clientVpnSelfTests } from "./self-test";

describe("Client VPN self-test commands", () => {
  it("checks the private DNS name first, then each endpoint name, on every platform", () => {
    const tests = clientVpnSelfTests([
      {
        productName: "Acme Analytics",
        privateDnsName: "analytics.acme-saas.example",
        endpointDnsNames: ["vpce-0abc.vpce-svc-1.us-east-1.vpce.amazonaws.com", "analytics.acme-saas.example"],
        ports: [443],
      },
    ]);
    expect(tests.map((test) => test.dnsName)).toEqual(["analytics.acme-saas.example", "vpce-0abc.vpce-svc-1.us-east-1.vpce.amazonaws.com"]);
    expect(tests[0]).toEqual({
      productName: "Acme Analytics",
      dnsName: "analytics.acme-saas.example",
      shell: ["nslookup 'analytics.acme-saas.example'", "curl -v 'https://analytics.acme-saas.example:443/'"],
      powershell: [
        "Resolve-DnsName -Name 'analytics.acme-saas.example'",
        "Test-NetConnection -ComputerName 'analytics.acme-saas.example' -Port 443",
      ],
    });
  });

  it("checks each of a product's own ports", () => {
    const [test] = clientVpnSelfTests([{ productName: "Ledger", privateDnsName: null, endpointDnsNames: ["vpce-1.example"], ports: [5432, 443] }]);
    expect(test?.shell).toEqual(["nslookup 'vpce-1.example'", "nc -vz 'vpce-1.example' 5432", "curl -v 'https://vpce-1.example:443/'"]);
    expect(test?.powershell).toEqual([
      "Resolve-DnsName -Name 'vpce-1.example'",
      "Test-NetConnection -ComputerName 'vpce-1.example' -Port 5432",
      "Test-NetConnection -ComputerName 'vpce-1.example' -Port 443",
    ]);
  });

  it("has nothing to test before the endpoints exist", () => {
    expect(clientVpnSelfTests([{ productName: "Ledger", privateDnsName: null, endpointDnsNames: [], ports: [443] }])).toEqual([]);
  });
});
