import type { DnsForwardingTargets } from "@/lib/configs/dns-forwarding-input";

/**
 * Commands a customer runs to check DNS forwarding, per test name: first each inbound endpoint
 * address directly (proves the tunnel, routes and security group), then the local resolver (proves
 * the forwarding configuration). Values come from `DnsForwardingTargets`, which holds only plain
 * DNS names and IPv4 addresses, so nothing needs quoting.
 */
export interface DnsSelfTest {
  name: string;
  /** dig, for Linux and macOS. */
  shell: string[];
  /** Resolve-DnsName, for Windows. */
  powershell: string[];
}

export const DNS_SELF_TEST_HINTS: readonly string[] = [
  "Every command should print private addresses inside the landing VPC.",
  "If the direct queries (@address or -Server) time out, the VPN, its routes or the firewall is dropping DNS (UDP and TCP port 53) on the way to the endpoint.",
  "If the direct queries answer but the local one does not, the forwarding configuration on your DNS server is not in effect yet.",
  "SERVFAIL from the local resolver while the direct queries answer usually means DNSSEC validation is rejecting the private answers: add the exception from the notes.",
];

export function dnsSelfTests(targets: DnsForwardingTargets): DnsSelfTest[] {
  return targets.testNames.map((name) => ({
    name,
    shell: [...targets.resolverIps.map((ip) => `dig +short @${ip} ${name}`), `dig ${name}`],
    powershell: [
      ...targets.resolverIps.map((ip) => `Resolve-DnsName -Name ${name} -Server ${ip}`),
      `Resolve-DnsName -Name ${name} -DnsOnly`,
    ],
  }));
}
