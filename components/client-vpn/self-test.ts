import { dnsTestCommands } from "@/lib/configs/privatelink-snippets";
import type { ClientVpnStatusView } from "@/lib/connectivity/client-vpn/status-view-types";

type Product = Omit<ClientVpnStatusView["products"][number], "adding" | "unreachable">;

export interface ClientVpnSelfTest {
  productName: string;
  dnsName: string;
  /** nslookup, then a TLS request on 443 or a TCP check on other ports (Linux, macOS). */
  shell: string[];
  /** The same checks in PowerShell (Windows). */
  powershell: string[];
}

/** A PowerShell single-quoted string: a quote inside is doubled. */
function powershellQuote(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/**
 * Commands a person runs with the VPN connected: the product's names must resolve to private
 * addresses in the landing VPC (the endpoint hands its DNS servers to the client), and its ports
 * must answer over the tunnel. The private DNS name comes first: it is the one applications use.
 */
export function clientVpnSelfTests(products: readonly Product[]): ClientVpnSelfTest[] {
  return products.flatMap((product) => {
    const names = [...new Set([...(product.privateDnsName ? [product.privateDnsName] : []), ...product.endpointDnsNames])];
    const { ports } = product;
    return dnsTestCommands(names, ports).map((entry) => ({
      productName: product.productName,
      dnsName: entry.dnsName,
      shell: entry.commands,
      powershell: [
        `Resolve-DnsName -Name ${powershellQuote(entry.dnsName)}`,
        ...ports.map((port) => `Test-NetConnection -ComputerName ${powershellQuote(entry.dnsName)} -Port ${port}`),
      ],
    }));
  });
}
