import { CopyBlock } from "@/components/ui/copy-block";
import { dnsForwardingConfigs, GOOGLE_CLOUD_DNS_SOURCE_RANGE } from "@/lib/configs/dns-forwarding";
import type { DnsForwardingTargets } from "@/lib/configs/dns-forwarding-input";
import { DNS_SELF_TEST_HINTS, dnsSelfTests } from "@/lib/configs/dns-forwarding-self-test";
import { requireCidr } from "@/lib/net/cidr";
import { formatIpv4 } from "@/lib/net/ipv4";

/**
 * How the customer's DNS servers reach the products' names: what to forward where, configuration
 * for each common server, the traps that break it, and commands to test it.
 */
export function DnsForwarding({ targets, landingCidr }: { targets: DnsForwardingTargets; landingCidr: string }) {
  const configs = dnsForwardingConfigs(targets);
  const tests = dnsSelfTests(targets);
  const plusTwo = formatIpv4(requireCidr(landingCidr).base + 2);
  return (
    <div className="space-y-5 text-sm">
      <p className="text-slate-600">
        Forward these domains from your DNS servers to the landing VPC&apos;s Route 53 Resolver inbound endpoint, over the VPN. Everything else keeps
        resolving as it does today.
      </p>
      <div className="space-y-1.5">
        <h3 className="font-medium text-slate-900">Domains to forward</h3>
        <ul className="space-y-1">
          {targets.domains.map((domain) => (
            <li key={domain} className="break-all font-mono text-xs text-slate-800">
              {domain}
            </li>
          ))}
        </ul>
      </div>
      <div className="space-y-1.5">
        <h3 className="font-medium text-slate-900">Forward to (inbound resolver, one per zone)</h3>
        {targets.resolverIps.map((ip) => (
          <CopyBlock key={ip} value={ip} label={`Inbound resolver address ${ip}`} />
        ))}
      </div>
      <div className="rounded-md bg-amber-50 px-3 py-2 text-amber-900 ring-1 ring-amber-200">
        <h3 className="font-medium">Watch out for</h3>
        <ul className="mt-1 list-disc space-y-1 pl-5 text-xs">
          <li>
            Never forward to the VPC&apos;s own resolver ({plusTwo}, the landing network plus two) or to 169.254.169.253: they answer only inside the
            VPC. Use only the addresses above, all of them.
          </li>
          <li>
            Google Cloud DNS sends forwarded queries from {GOOGLE_CLOUD_DNS_SOURCE_RANGE}. Advertise that range over the VPN, or the answers never
            come back.
          </li>
          <li>
            DNSSEC: the private answers are unsigned. If your resolver validates and a domain sits under a signed public parent, add the exception in
            your server&apos;s notes below, or it answers SERVFAIL.
          </li>
        </ul>
      </div>
      <div className="space-y-2">
        <h3 className="font-medium text-slate-900">Configuration for your DNS server</h3>
        {configs.map((config) => (
          <details key={config.kind} className="rounded-md ring-1 ring-slate-200">
            <summary className="cursor-pointer px-3 py-2 font-medium text-slate-800">
              {config.title} <span className="font-mono text-xs font-normal text-slate-500">{config.filename}</span>
            </summary>
            <div className="space-y-2 px-3 pb-3">
              <CopyBlock value={config.content} label={`${config.title} configuration`} multiline />
              <ul className="list-disc space-y-1 pl-5 text-xs text-slate-600">
                {config.notes.map((note) => (
                  <li key={note}>{note}</li>
                ))}
              </ul>
            </div>
          </details>
        ))}
      </div>
      <div className="space-y-2">
        <h3 className="font-medium text-slate-900">Test it</h3>
        <ul className="list-disc space-y-1 pl-5 text-xs text-slate-600">
          {DNS_SELF_TEST_HINTS.map((hint) => (
            <li key={hint}>{hint}</li>
          ))}
        </ul>
        {tests.map((test) => (
          <details key={test.name} className="rounded-md ring-1 ring-slate-200">
            <summary className="cursor-pointer break-all px-3 py-2 font-mono text-xs text-slate-800">{test.name}</summary>
            <div className="space-y-2 px-3 pb-3">
              <p className="text-xs font-medium text-slate-600">Linux or macOS (dig)</p>
              <CopyBlock value={test.shell.join("\n")} label={`dig commands for ${test.name}`} multiline />
              <p className="text-xs font-medium text-slate-600">Windows (PowerShell)</p>
              <CopyBlock value={test.powershell.join("\n")} label={`Resolve-DnsName commands for ${test.name}`} multiline />
            </div>
          </details>
        ))}
      </div>
    </div>
  );
}
