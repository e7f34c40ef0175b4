import { SandboxError } from "@/lib/sandbox/sandbox-error";
import { ec2QueryCodec } from "@/lib/sandbox/protocols/ec2-query-codec";
import { hasQueryVersion } from "@/lib/sandbox/protocols/query-request";
import type { ServiceDefinition } from "@/lib/sandbox/services/service";
import { endpointActions } from "@/lib/sandbox/services/ec2/endpoint-actions";
import { endpointServiceActions } from "@/lib/sandbox/services/ec2/endpoint-service-actions";
import { ensureDefaultVpc } from "@/lib/sandbox/services/ec2/network-records";
import { securityGroupActions } from "@/lib/sandbox/services/ec2/security-group-actions";
import { subnetActions } from "@/lib/sandbox/services/ec2/subnet-actions";
import { clientVpnConnectionActions } from "@/lib/sandbox/services/ec2/client-vpn-connection-actions";
import { clientVpnEndpointActions } from "@/lib/sandbox/services/ec2/client-vpn-endpoint-actions";
import { clientVpnNetworkActions } from "@/lib/sandbox/services/ec2/client-vpn-network-actions";
import { customerGatewayActions } from "@/lib/sandbox/services/ec2/customer-gateway-actions";
import { routeTableActions } from "@/lib/sandbox/services/ec2/route-table-actions";
import { transitGatewayActions } from "@/lib/sandbox/services/ec2/transit-gateway-actions";
import { vpnConnectionActions } from "@/lib/sandbox/services/ec2/vpn-connection-actions";
import { vpnGatewayActions } from "@/lib/sandbox/services/ec2/vpn-gateway-actions";
import { ec2RequestBucket } from "@/lib/sandbox/services/ec2/request-buckets";
import { tagActions } from "@/lib/sandbox/services/ec2/tag-actions";
import { vpcActions } from "@/lib/sandbox/services/ec2/vpc-actions";
import { zoneActions } from "@/lib/sandbox/services/ec2/zone-actions";

export const ec2Service: ServiceDefinition = {
  signingName: "ec2",
  recognizes: (request) => hasQueryVersion(request, "2016-11-15"),
  protocol: ec2QueryCodec,
  actions: {
    ...vpcActions,
    ...subnetActions,
    ...securityGroupActions,
    ...tagActions,
    ...zoneActions,
    ...endpointServiceActions,
    ...endpointActions,
    ...routeTableActions,
    ...customerGatewayActions,
    ...vpnGatewayActions,
    ...vpnConnectionActions,
    ...transitGatewayActions,
    ...clientVpnEndpointActions,
    ...clientVpnNetworkActions,
    ...clientVpnConnectionActions,
  },
  authError(reason, region) {
    if (reason === "unsupported-region") {
      return new SandboxError("AuthFailure", `The region '${region}' is not available in this cloud.`, 401);
    }
    if (reason === "missing") {
      return new SandboxError("MissingAuthenticationToken", "Request is missing Authentication Token", 401);
    }
    // EC2 answers an unknown key and a wrong signature alike.
    return new SandboxError("AuthFailure", "AWS was not able to validate the provided access credentials", 401);
  },
  throttleError: () => new SandboxError("RequestLimitExceeded", "Request limit exceeded.", 503),
  internalError: () =>
    new SandboxError(
      "InternalError",
      "An internal error has occurred. Retry your request, but if the problem persists, contact us.",
      500,
    ),
  requestBucket: ec2RequestBucket,
  prepare: ensureDefaultVpc,
};
