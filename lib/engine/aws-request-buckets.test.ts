import { describe, expect, it } from "vitest";
import { requestBucketFor, serviceOfClient } from "./aws-request-buckets";

describe("requestBucketFor", () => {
  it("classifies EC2 actions into AWS's published buckets", () => {
    expect(requestBucketFor("ec2", "DescribeVpcs")).toMatchObject({ burst: 100, refillPerSecond: 20 });
    expect(requestBucketFor("ec2", "GetVpnConnectionDeviceTypes").name).toBe("ec2:non-mutating");
    expect(requestBucketFor("ec2", "CreateVpc")).toMatchObject({ name: "ec2:mutating", burst: 50, refillPerSecond: 5 });
    expect(requestBucketFor("ec2", "AttachVpnGateway").name).toBe("ec2:mutating");
    expect(requestBucketFor("ec2", "CreateVpcEndpoint")).toMatchObject({ burst: 4, refillPerSecond: 0.3 });
    expect(requestBucketFor("ec2", "DeleteVpcEndpoints").name).toBe("ec2:vpc-endpoint");
    expect(requestBucketFor("ec2", "AcceptVpcEndpointConnections")).toMatchObject({ burst: 10, refillPerSecond: 1 });
    expect(requestBucketFor("ec2", "CreateVpcEndpointServiceConfiguration")).toMatchObject({ burst: 10, refillPerSecond: 1 });
    expect(requestBucketFor("ec2", "AuthorizeClientVpnIngress")).toMatchObject({ burst: 5, refillPerSecond: 2 });
    expect(requestBucketFor("ec2", "CreateTags")).toMatchObject({ burst: 100, refillPerSecond: 10 });
  });

  it("gives Route 53 Resolver its 5 requests per second", () => {
    expect(requestBucketFor("route53resolver", "CreateResolverEndpoint")).toMatchObject({ burst: 5, refillPerSecond: 5 });
    expect(requestBucketFor("route53resolver", "GetResolverEndpoint").name).toBe("route53resolver");
  });

  it("knows services by their SDK client names", () => {
    expect(serviceOfClient("EC2Client")).toBe("ec2");
    expect(serviceOfClient("Route53ResolverClient")).toBe("route53resolver");
    expect(serviceOfClient("ElasticLoadBalancingV2Client")).toBeNull();
  });
});
