import { CopyBlock } from "@/components/ui/copy-block";
import type { SiteToSiteStatusView } from "@/lib/connectivity/site-to-site/status-view";

/**
 * The names that reach each product over the VPN: each interface endpoint's own DNS names (regional
 * and per zone) and the product's private DNS name, which resolves once the customer's DNS forwards it.
 */
export function EndpointNames({ outputs }: { outputs: SiteToSiteStatusView["outputs"] }) {
  // AWS lists the private DNS name among an endpoint's names too; it is shown once, above.
  const privateNames = new Set(outputs.privateDnsNames);
  return (
    <div className="space-y-5 text-sm">
      {outputs.privateDnsNames.length > 0 && (
        <div className="space-y-1.5">
          <h3 className="font-medium text-slate-900">Private DNS {outputs.privateDnsNames.length > 1 ? "names" : "name"}</h3>
          {outputs.privateDnsNames.map((name) => (
            <CopyBlock key={name} value={name} label={`Private DNS name ${name}`} />
          ))}
          <p className="text-xs text-slate-500">Resolves from your site once your DNS servers forward it to the inbound resolver.</p>
        </div>
      )}
      {outputs.endpoints.length === 0 ? (
        <p className="text-slate-500">The endpoint names appear here once the interface endpoints are created.</p>
      ) : (
        outputs.endpoints.map((endpoint) => (
          <div key={endpoint.vpcEndpointId} className="space-y-1.5">
            <h3 className="font-medium text-slate-900">
              {endpoint.productName || "Product"} <span className="font-mono text-xs font-normal text-slate-500">{endpoint.vpcEndpointId}</span>
            </h3>
            {endpoint.dnsNames
              .filter((name) => !privateNames.has(name))
              .map((name) => (
                <CopyBlock key={name} value={name} label={`Endpoint DNS name ${name}`} />
              ))}
          </div>
        ))
      )}
    </div>
  );
}
