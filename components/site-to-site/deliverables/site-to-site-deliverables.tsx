import { Card } from "@/components/ui/card";
import { getDb } from "@/db/client";
import { vpnDeliverables, type VpnDeliverables } from "@/lib/connectivity/site-to-site/device-config";
import { siteToSiteDnsTargets } from "@/lib/connectivity/site-to-site/dns-forwarding-targets";
import type { SiteToSiteStatusView } from "@/lib/connectivity/site-to-site/status-view";
import type { SiteToSiteConnection } from "@/lib/dal/site-to-site-connections";
import { AppError } from "@/lib/errors";
import { DeviceConfiguration } from "./device-configuration";
import { DnsForwarding } from "./dns-forwarding";
import { OtherCloudSteps } from "./other-cloud-steps";
import { PendingNote } from "./pending-note";
import { PreSharedKeys } from "./pre-shared-keys";
import { RevealedKeysProvider } from "./revealed-keys";

/**
 * "What you do on your side" of a Site-to-Site VPN: the device configuration and keys, the steps in
 * the customer's cloud, and DNS forwarding. Each part shows once the resources it describes exist;
 * until then it says what it waits for. The page refreshes this server component when the live
 * status changes, so parts appear as they become ready.
 */
type VpnState = { kind: "ready"; data: VpnDeliverables } | { kind: "pending" } | { kind: "error"; message: string };

async function loadVpn(connection: SiteToSiteConnection): Promise<VpnState> {
  try {
    const data = await vpnDeliverables(getDb(), connection);
    return data ? { kind: "ready", data } : { kind: "pending" };
  } catch (error) {
    // AWS unavailable or the document not published yet: the rest of the column still renders.
    if (error instanceof AppError) return { kind: "error", message: error.message };
    throw error;
  }
}

const CLOUD_TITLES = { azure: "Your Azure side", gcp: "Your Google Cloud side", oracle: "Your Oracle Cloud side" } as const;

export async function SiteToSiteDeliverables({
  connection,
  view,
  canRevealSecrets,
}: {
  connection: SiteToSiteConnection;
  view: SiteToSiteStatusView;
  canRevealSecrets: boolean;
}) {
  if (view.status === "removing" || view.status === "removed") {
    return (
      <Card title="On your side">
        <p className="text-sm text-slate-600">
          This connection is {view.status === "removing" ? "being removed" : "removed"}. Take the two tunnels and the DNS forwarding for its domains out
          of your configuration.
        </p>
      </Card>
    );
  }
  const { accelerated, cloud } = connection.params;
  const vpn = await loadVpn(connection);
  const { landingCidr, resolverIps, endpoints, privateDnsNames } = view.outputs;
  const dnsReady = landingCidr !== null && resolverIps.length > 0 && endpoints.length >= connection.products.length;
  const dns = dnsReady ? siteToSiteDnsTargets({ landingCidr, resolverIps, privateDnsNames, endpoints }) : null;
  if (dns && !dns.ok) console.error(`[onramp] DNS forwarding details of ${connection.id} are invalid`, dns.fieldErrors);
  const cloudTitle = cloud && cloud !== "other" ? CLOUD_TITLES[cloud] : null;

  return (
    <RevealedKeysProvider>
      <div className="space-y-6">
        <Card title="Your VPN device" description={`Configure both tunnels on the device at ${connection.params.deviceIp}.`}>
          <div className="space-y-5 text-sm">
            {vpn.kind === "pending" && (
              <PendingNote
                view={view}
                steps={["customerGateway", "gateway", "vpnConnection"]}
                accelerated={accelerated}
                waitsFor="The configuration and the pre-shared keys appear once AWS has created the VPN connection, usually 3 to 10 minutes after the request."
              />
            )}
            {vpn.kind === "error" && (
              <p role="status" className="rounded-md bg-red-50 px-3 py-2 text-red-800 ring-1 ring-red-200">
                The device configuration could not be prepared: {vpn.message}
              </p>
            )}
            {vpn.kind === "ready" && (
              <>
                <DeviceConfiguration connectionId={connection.id} file={vpn.data.file} canRevealSecrets={canRevealSecrets} />
                {canRevealSecrets && <PreSharedKeys connectionId={connection.id} />}
              </>
            )}
          </div>
        </Card>

        {cloudTitle && (
          <Card title={cloudTitle} description="Run these in your cloud, in order; this connection's values are filled in.">
            {vpn.kind === "ready" && vpn.data.cloudGuide ? (
              <OtherCloudSteps guide={vpn.data.cloudGuide} canRevealSecrets={canRevealSecrets} />
            ) : (
              <PendingNote
                view={view}
                steps={["vpnConnection"]}
                accelerated={accelerated}
                waitsFor="The steps need AWS's tunnel addresses and keys; they appear once the VPN connection is created."
              />
            )}
          </Card>
        )}

        <Card title="DNS forwarding" description="So the products' names resolve to the private endpoints from your site.">
          {dns === null && (
            <PendingNote
              view={view}
              steps={["endpoints", "resolver"]}
              accelerated={accelerated}
              waitsFor="The instructions appear once the interface endpoints and the Route 53 Resolver inbound endpoint are ready; AWS takes about 2 minutes for the resolver."
            />
          )}
          {dns && !dns.ok && (
            <p role="status" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800 ring-1 ring-red-200">
              The DNS forwarding details could not be prepared; the problem was logged for support. The resolver addresses are {resolverIps.join(" and ")}.
            </p>
          )}
          {dns?.ok && landingCidr && <DnsForwarding targets={dns.data} landingCidr={landingCidr} />}
        </Card>
      </div>
    </RevealedKeysProvider>
  );
}
