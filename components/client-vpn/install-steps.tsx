import { Card } from "@/components/ui/card";
import { CopyBlock } from "@/components/ui/copy-block";
import type { ClientVpnStatusView } from "@/lib/connectivity/client-vpn/status-view-types";
import { clientVpnSelfTests } from "./self-test";

const AWS_CLIENT_DOWNLOAD = "https://aws.amazon.com/vpn/client-vpn-download/";

const ADD_PROFILE = "Open File → Manage Profiles → Add Profile, give it a name and choose the downloaded .ovpn file, then Connect.";

const SYSTEMS: ReadonlyArray<{ name: string; steps: string[]; command?: string }> = [
  {
    name: "Windows",
    steps: [
      "Install the AWS VPN Client for Windows.",
      ADD_PROFILE,
      "Or use OpenVPN GUI 2.4 or later: right-click its tray icon, Import file…, choose the .ovpn, then Connect.",
    ],
  },
  {
    name: "macOS",
    steps: [
      "Install the AWS VPN Client for macOS.",
      ADD_PROFILE,
      "Or use Tunnelblick: double-click the .ovpn file, install the configuration for yourself, then Connect from Tunnelblick's menu.",
    ],
  },
  {
    name: "Linux",
    steps: [
      "On Ubuntu (x86_64), install the AWS VPN Client for Ubuntu from AWS's package repository.",
      ADD_PROFILE,
      "Or use OpenVPN 2.4 or later from your distribution (add it to NetworkManager with nmcli, or run it directly):",
    ],
    command: "sudo nmcli connection import type openvpn file ./your-device.ovpn\n# or\nsudo openvpn --config ./your-device.ovpn",
  },
];

/**
 * What the person at the device does with the file, per system, and how they check that the
 * products answer through the tunnel. Only the products' names travel through the VPN (split tunnel).
 */
export function InstallSteps({ view }: { view: ClientVpnStatusView }) {
  // A product still being added, or out of reach, does not answer: its test would only fail.
  const tests = clientVpnSelfTests(view.products.filter((product) => !product.adding && !product.unreachable));
  return (
    <Card title="Install and test" description="For the person at each device, once they have downloaded its configuration.">
      <div className="space-y-5 text-sm">
        <div className="space-y-2">
          <p className="text-slate-700">
            The configuration works with the{" "}
            <a href={AWS_CLIENT_DOWNLOAD} className="text-brand-700 hover:underline" rel="noreferrer" target="_blank">
              AWS VPN Client
            </a>{" "}
            and with OpenVPN 2.4 or later. It holds the device&apos;s private key: keep it like a password, and use one file per device.
          </p>
          {SYSTEMS.map((system) => (
            <details key={system.name} className="rounded-md ring-1 ring-slate-200">
              <summary className="cursor-pointer px-3 py-2 font-medium text-slate-800">{system.name}</summary>
              <div className="space-y-2 px-3 pb-3">
                <ol className="list-decimal space-y-1 pl-5 text-slate-700">
                  {system.steps.map((step) => (
                    <li key={step}>{step}</li>
                  ))}
                </ol>
                {system.command && <CopyBlock value={system.command} label={`${system.name} OpenVPN commands`} multiline />}
              </div>
            </details>
          ))}
          <p className="text-xs text-slate-500">
            Only traffic to the products goes through the VPN; everything else keeps using the device&apos;s own internet connection.
          </p>
        </div>

        <div className="space-y-2">
          <h3 className="font-medium text-slate-900">What your devices reach</h3>
          {view.products.length === 0 ? (
            <p className="text-slate-500">No products.</p>
          ) : (
            <ul className="space-y-3">
              {view.products.map((product) => (
                <li key={product.productName} className="space-y-1.5">
                  <p className="font-medium text-slate-800">
                    {product.productName}
                    {product.adding && <span className="ml-2 text-xs font-normal text-amber-700">being added</span>}
                  </p>
                  {product.adding && (
                    <p className="text-xs text-slate-500">The provider has just begun offering it here; your devices reach it once its interface endpoint is ready.</p>
                  )}
                  {product.unreachable ? (
                    <p className="text-xs text-red-700">Not reachable through this VPN endpoint: {product.unreachable}</p>
                  ) : (
                    <>
                      {product.privateDnsName && <CopyBlock value={product.privateDnsName} label={`Private DNS name ${product.privateDnsName}`} />}
                      {product.endpointDnsNames
                        .filter((name) => name !== product.privateDnsName)
                        .map((name) => (
                          <CopyBlock key={name} value={name} label={`Endpoint DNS name ${name}`} />
                        ))}
                      {!product.privateDnsName && product.endpointDnsNames.length === 0 && (
                        <p className="text-xs text-slate-500">Its names appear once the interface endpoint exists.</p>
                      )}
                    </>
                  )}
                </li>
              ))}
            </ul>
          )}
        </div>

        {tests.length > 0 && (
          <div className="space-y-2">
            <h3 className="font-medium text-slate-900">Self-test</h3>
            <p className="text-xs text-slate-600">
              With the VPN connected, each name should resolve to private addresses (10.x, 172.16–31.x or 192.168.x) and the port check
              should succeed. If the name does not resolve, reconnect: the VPN hands the device its DNS servers when it connects.
            </p>
            {tests.map((test) => (
              <details key={test.dnsName} className="rounded-md ring-1 ring-slate-200">
                <summary className="cursor-pointer break-all px-3 py-2 font-mono text-xs text-slate-800">{test.dnsName}</summary>
                <div className="space-y-2 px-3 pb-3">
                  <p className="text-xs font-medium text-slate-600">Linux or macOS</p>
                  <CopyBlock value={test.shell.join("\n")} label={`Test commands for ${test.dnsName}`} multiline />
                  <p className="text-xs font-medium text-slate-600">Windows (PowerShell)</p>
                  <CopyBlock value={test.powershell.join("\n")} label={`PowerShell test commands for ${test.dnsName}`} multiline />
                </div>
              </details>
            ))}
          </div>
        )}
      </div>
    </Card>
  );
}
