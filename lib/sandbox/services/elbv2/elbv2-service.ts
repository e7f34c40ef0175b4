import { awsQueryCodec } from "@/lib/sandbox/protocols/aws-query-codec";
import { hasQueryVersion } from "@/lib/sandbox/protocols/query-request";
import { SandboxError, invalidParameterValue } from "@/lib/sandbox/sandbox-error";
import type { ActionContext, ServiceDefinition } from "@/lib/sandbox/services/service";
import { zoneNameFor } from "@/lib/sandbox/accounts/zones";
import type { LoadBalancerRecord } from "@/lib/sandbox/state/schema";

function ownBalancers(context: ActionContext): LoadBalancerRecord[] {
  return Object.values(context.regionState.loadBalancers)
    .filter((balancer) => balancer.ownerId === context.accountId)
    .sort((a, b) => a.createdAt - b.createdAt || (a.arn < b.arn ? -1 : 1));
}

function notFound(): SandboxError {
  return new SandboxError("LoadBalancerNotFound", "One or more load balancers not found");
}

/** Marker/PageSize paging as ELBv2 does it (PageSize 1..400). */
function page<T>(context: ActionContext, items: readonly T[]) {
  const size = context.params.integer("PageSize") ?? 400;
  if (size < 1 || size > 400) throw new SandboxError("ValidationError", "PageSize must be between 1 and 400.");
  const marker = context.params.string("Marker");
  const offset = marker ? Number(Buffer.from(marker, "base64url").toString("utf8")) : 0;
  if (!Number.isInteger(offset) || offset < 0) throw invalidParameterValue("Invalid Marker.");
  const slice = items.slice(offset, offset + size);
  const next = offset + size < items.length ? Buffer.from(String(offset + size), "utf8").toString("base64url") : undefined;
  return { slice, next };
}

function balancerXml(context: ActionContext, balancer: LoadBalancerRecord) {
  return {
    LoadBalancerArn: balancer.arn,
    DNSName: balancer.dnsName,
    CanonicalHostedZoneId: balancer.canonicalHostedZoneId,
    CreatedTime: new Date(balancer.createdAt),
    LoadBalancerName: balancer.name,
    Scheme: "internal",
    VpcId: balancer.vpcId,
    State: { Code: "active" },
    Type: "network",
    AvailabilityZones: balancer.zoneIds.map((zoneId, index) => ({
      ZoneName: zoneNameFor(balancer.ownerId, context.region, zoneId),
      SubnetId: balancer.subnetIds[index],
      LoadBalancerAddresses: [],
    })),
    IpAddressType: "ipv4",
  };
}

export const elbv2Service: ServiceDefinition = {
  signingName: "elasticloadbalancing",
  recognizes: (request) => hasQueryVersion(request, "2015-12-01"),
  protocol: awsQueryCodec("http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/"),
  actions: {
    DescribeLoadBalancers: {
      mutates: false,
      run(context) {
        const all = ownBalancers(context);
        const arns = context.params.list("LoadBalancerArns");
        const names = context.params.list("Names");
        const pick = (match: (b: LoadBalancerRecord) => boolean) => {
          const found = all.find(match);
          if (!found) throw notFound();
          return found;
        };
        const selected =
          arns.length > 0
            ? arns.map((arn) => pick((b) => b.arn === arn))
            : names.length > 0
              ? names.map((name) => pick((b) => b.name === name))
              : all;
        const { slice, next } = page(context, selected);
        return { LoadBalancers: slice.map((balancer) => balancerXml(context, balancer)), NextMarker: next };
      },
    },
    DescribeListeners: {
      mutates: false,
      run(context) {
        const arn = context.params.string("LoadBalancerArn");
        const listenerArns = context.params.list("ListenerArns");
        if (!arn && listenerArns.length === 0) {
          throw new SandboxError("ValidationError", "You must specify either listener ARNs or a load balancer ARN");
        }
        const balancers = ownBalancers(context);
        let listeners;
        if (arn) {
          const balancer = balancers.find((b) => b.arn === arn);
          if (!balancer) throw notFound();
          listeners = balancer.listeners.map((listener) => ({ balancer, listener }));
        } else {
          const all = balancers.flatMap((balancer) => balancer.listeners.map((listener) => ({ balancer, listener })));
          listeners = listenerArns.map((wanted) => {
            const found = all.find((entry) => entry.listener.arn === wanted);
            if (!found) throw new SandboxError("ListenerNotFound", "One or more listeners not found");
            return found;
          });
        }
        const { slice, next } = page(context, listeners);
        return {
          Listeners: slice.map(({ balancer, listener }) => ({
            ListenerArn: listener.arn,
            LoadBalancerArn: balancer.arn,
            Port: listener.port,
            Protocol: listener.protocol,
            DefaultActions: [],
          })),
          NextMarker: next,
        };
      },
    },
  },
  throttleError: () => new SandboxError("Throttling", "Rate exceeded", 400),
  internalError: () => new SandboxError("InternalFailure", "The request processing has failed because of an unknown error.", 500),
  authError(reason, region) {
    if (reason === "unsupported-region") {
      return new SandboxError("InvalidClientTokenId", `The region '${region}' is not available in this cloud.`, 403);
    }
    if (reason === "bad-signature") {
      return new SandboxError(
        "SignatureDoesNotMatch",
        "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method.",
        403,
      );
    }
    if (reason === "missing") {
      return new SandboxError("MissingAuthenticationToken", "Request is missing Authentication Token", 403);
    }
    return new SandboxError("InvalidClientTokenId", "The security token included in the request is invalid.", 403);
  },
};
