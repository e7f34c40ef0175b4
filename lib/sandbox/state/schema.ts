import { z } from "zod";

/**
 * The whole emulated cloud as JSON. Resources live per region in flat maps keyed by id (ids are
 * unique across accounts, as in AWS); `ownerId` says whose they are. Timestamps are epoch ms, and
 * transitions are stored as "done at" times so state is computed lazily and survives restarts.
 */
const tags = z.record(z.string(), z.string());

export const vpcSchema = z.object({
  id: z.string(),
  ownerId: z.string(),
  cidrBlock: z.string(),
  cidrAssociationId: z.string(),
  dhcpOptionsId: z.string(),
  isDefault: z.boolean(),
  enableDnsSupport: z.boolean(),
  enableDnsHostnames: z.boolean(),
  createdAt: z.number(),
  tags,
});
export type VpcRecord = z.infer<typeof vpcSchema>;

export const subnetSchema = z.object({
  id: z.string(),
  ownerId: z.string(),
  vpcId: z.string(),
  cidrBlock: z.string(),
  zoneId: z.string(),
  defaultForAz: z.boolean(),
  createdAt: z.number(),
  tags,
});
export type SubnetRecord = z.infer<typeof subnetSchema>;

export const ipRuleSchema = z.object({
  ruleId: z.string(),
  ipProtocol: z.string(),
  fromPort: z.number().optional(),
  toPort: z.number().optional(),
  cidrIp: z.string(),
  description: z.string().optional(),
});
export type IpRule = z.infer<typeof ipRuleSchema>;

export const securityGroupSchema = z.object({
  id: z.string(),
  ownerId: z.string(),
  vpcId: z.string(),
  name: z.string(),
  description: z.string(),
  ingress: z.array(ipRuleSchema),
  egress: z.array(ipRuleSchema),
  createdAt: z.number(),
  tags,
});
export type SecurityGroupRecord = z.infer<typeof securityGroupSchema>;

export const listenerSchema = z.object({ arn: z.string(), port: z.number(), protocol: z.string() });

export const loadBalancerSchema = z.object({
  arn: z.string(),
  ownerId: z.string(),
  name: z.string(),
  dnsName: z.string(),
  canonicalHostedZoneId: z.string(),
  vpcId: z.string(),
  subnetIds: z.array(z.string()),
  zoneIds: z.array(z.string()),
  listeners: z.array(listenerSchema),
  createdAt: z.number(),
});
export type LoadBalancerRecord = z.infer<typeof loadBalancerSchema>;

export const allowedPrincipalSchema = z.object({ principal: z.string(), permissionId: z.string() });

export const endpointServiceSchema = z.object({
  id: z.string(),
  ownerId: z.string(),
  serviceName: z.string(),
  acceptanceRequired: z.boolean(),
  networkLoadBalancerArns: z.array(z.string()),
  zoneIds: z.array(z.string()),
  privateDnsName: z.string().optional(),
  privateDnsVerification: z
    .object({ state: z.string(), type: z.string(), name: z.string(), value: z.string() })
    .optional(),
  allowedPrincipals: z.array(allowedPrincipalSchema),
  createdAt: z.number(),
  tags,
});
export type EndpointServiceRecord = z.infer<typeof endpointServiceSchema>;

export const endpointStatusSchema = z.enum(["pendingAcceptance", "pending", "rejected", "deleting"]);
export type EndpointStatus = z.infer<typeof endpointStatusSchema>;

export const endpointSchema = z.object({
  id: z.string(),
  ownerId: z.string(),
  vpcId: z.string(),
  serviceId: z.string(),
  serviceName: z.string(),
  connectionId: z.string(),
  subnetIds: z.array(z.string()),
  networkInterfaceIds: z.array(z.string()),
  securityGroupIds: z.array(z.string()),
  privateDnsEnabled: z.boolean(),
  dnsSuffix: z.string(),
  privateHostedZoneId: z.string(),
  status: endpointStatusSchema,
  /** When `pending` becomes `available`. */
  readyAt: z.number().optional(),
  /** When `deleting` becomes `deleted`. */
  deletedAt: z.number().optional(),
  createdAt: z.number(),
  tags,
});
export type EndpointRecord = z.infer<typeof endpointSchema>;

/**
 * A resource's state and, when it is moving, the state it reaches at `next.at` (epoch ms): stored
 * as "done at" so transitions are evaluated on read and survive restarts.
 */
export const lifecycleSchema = z.object({
  state: z.string(),
  next: z.object({ state: z.string(), at: z.number() }).optional(),
});
export type Lifecycle = z.infer<typeof lifecycleSchema>;

export const routeSchema = z.object({
  destinationCidrBlock: z.string(),
  gatewayId: z.string().optional(),
  transitGatewayId: z.string().optional(),
  vpcEndpointId: z.string().optional(),
  origin: z.enum(["CreateRouteTable", "CreateRoute"]),
});

export const routeTableSchema = z.object({
  id: z.string(),
  ownerId: z.string(),
  vpcId: z.string(),
  main: z.boolean(),
  mainAssociationId: z.string(),
  routes: z.array(routeSchema),
  propagatingVgws: z.array(z.string()),
  createdAt: z.number(),
  tags,
});
export type RouteTableRecord = z.infer<typeof routeTableSchema>;

export const customerGatewaySchema = z.object({
  id: z.string(),
  ownerId: z.string(),
  bgpAsn: z.number(),
  ipAddress: z.string(),
  type: z.string(),
  deviceName: z.string().optional(),
  lifecycle: lifecycleSchema,
  createdAt: z.number(),
  tags,
});
export type CustomerGatewayRecord = z.infer<typeof customerGatewaySchema>;

export const vpnGatewaySchema = z.object({
  id: z.string(),
  ownerId: z.string(),
  type: z.string(),
  amazonSideAsn: z.number(),
  /** At most one VPC at a time; detached entries stay listed as AWS shows them. */
  attachments: z.array(z.object({ vpcId: z.string(), lifecycle: lifecycleSchema })),
  lifecycle: lifecycleSchema,
  createdAt: z.number(),
  tags,
});
export type VpnGatewayRecord = z.infer<typeof vpnGatewaySchema>;

export const transitGatewaySchema = z.object({
  id: z.string(),
  ownerId: z.string(),
  description: z.string().optional(),
  amazonSideAsn: z.number(),
  autoAcceptSharedAttachments: z.string(),
  defaultRouteTableAssociation: z.string(),
  defaultRouteTablePropagation: z.string(),
  vpnEcmpSupport: z.string(),
  dnsSupport: z.string(),
  /** The default route table, when association or propagation defaults are enabled. */
  defaultRouteTableId: z.string().optional(),
  lifecycle: lifecycleSchema,
  createdAt: z.number(),
  tags,
});
export type TransitGatewayRecord = z.infer<typeof transitGatewaySchema>;

export const transitGatewayAttachmentSchema = z.object({
  id: z.string(),
  ownerId: z.string(),
  transitGatewayId: z.string(),
  resourceType: z.enum(["vpc", "vpn"]),
  resourceId: z.string(),
  subnetIds: z.array(z.string()),
  dnsSupport: z.string(),
  /** The route table this attachment is associated with (one at most), and its state. */
  association: z.object({ routeTableId: z.string(), lifecycle: lifecycleSchema }).optional(),
  lifecycle: lifecycleSchema,
  createdAt: z.number(),
  tags,
});
export type TransitGatewayAttachmentRecord = z.infer<typeof transitGatewayAttachmentSchema>;

export const transitGatewayRouteTableSchema = z.object({
  id: z.string(),
  ownerId: z.string(),
  transitGatewayId: z.string(),
  defaultAssociation: z.boolean(),
  defaultPropagation: z.boolean(),
  /** Attachment ids whose routes propagate into this table. */
  propagations: z.array(z.string()),
  staticRoutes: z.array(
    z.object({ destinationCidrBlock: z.string(), attachmentId: z.string().optional(), blackhole: z.boolean() }),
  ),
  lifecycle: lifecycleSchema,
  createdAt: z.number(),
  tags,
});
export type TransitGatewayRouteTableRecord = z.infer<typeof transitGatewayRouteTableSchema>;

export const tunnelSchema = z.object({
  outsideIpAddress: z.string(),
  insideCidr: z.string(),
  preSharedKey: z.string(),
  status: z.enum(["UP", "DOWN"]),
  lastStatusChange: z.number(),
  statusMessage: z.string(),
});
export type TunnelRecord = z.infer<typeof tunnelSchema>;

export const vpnConnectionSchema = z.object({
  id: z.string(),
  ownerId: z.string(),
  type: z.string(),
  customerGatewayId: z.string(),
  vpnGatewayId: z.string().optional(),
  transitGatewayId: z.string().optional(),
  transitGatewayAttachmentId: z.string().optional(),
  staticRoutesOnly: z.boolean(),
  enableAcceleration: z.boolean(),
  localIpv4NetworkCidr: z.string(),
  remoteIpv4NetworkCidr: z.string(),
  tunnels: z.array(tunnelSchema),
  routes: z.array(z.object({ destinationCidrBlock: z.string(), lifecycle: lifecycleSchema })),
  /** CreateVpnConnection is idempotent by itself: a repeat with the same request answers this connection. */
  requestFingerprint: z.string(),
  lifecycle: lifecycleSchema,
  createdAt: z.number(),
  tags,
});
export type VpnConnectionRecord = z.infer<typeof vpnConnectionSchema>;

export const resolverEndpointSchema = z.object({
  id: z.string(),
  ownerId: z.string(),
  arn: z.string(),
  creatorRequestId: z.string(),
  requestFingerprint: z.string(),
  name: z.string().optional(),
  direction: z.enum(["INBOUND", "OUTBOUND"]),
  vpcId: z.string(),
  securityGroupIds: z.array(z.string()),
  ipAddresses: z.array(z.object({ ipId: z.string(), subnetId: z.string(), ip: z.string() })),
  lifecycle: lifecycleSchema,
  createdAt: z.number(),
  modifiedAt: z.number(),
  tags,
});
export type ResolverEndpointRecord = z.infer<typeof resolverEndpointSchema>;

/** An ACM certificate imported with ImportCertificate; details are read from the PEM on demand. */
export const acmCertificateSchema = z.object({
  arn: z.string(),
  ownerId: z.string(),
  certificatePem: z.string(),
  /** The chain as imported (issuer first), without the certificate itself. */
  chainPem: z.string().optional(),
  importedAt: z.number(),
  createdAt: z.number(),
  tags,
});
export type AcmCertificateRecord = z.infer<typeof acmCertificateSchema>;

/** One CloudWatch Logs event: what PutLogEvents (or a service delivering logs) wrote. */
export const logEventSchema = z.object({
  eventId: z.string(),
  timestamp: z.number(),
  ingestionTime: z.number(),
  message: z.string(),
});
export type LogEventRecord = z.infer<typeof logEventSchema>;

export const logStreamSchema = z.object({
  name: z.string(),
  createdAt: z.number(),
  /** In timestamp order: services deliver in order, and FilterLogEvents answers in that order. */
  events: z.array(logEventSchema),
});
export type LogStreamRecord = z.infer<typeof logStreamSchema>;

export const logGroupSchema = z.object({
  name: z.string(),
  ownerId: z.string(),
  createdAt: z.number(),
  retentionInDays: z.number().optional(),
  tags: z.record(z.string(), z.string()),
  streams: z.record(z.string(), logStreamSchema),
});
export type LogGroupRecord = z.infer<typeof logGroupSchema>;

export const clientVpnAssociationSchema = z.object({
  id: z.string(),
  subnetId: z.string(),
  vpcId: z.string(),
  lifecycle: lifecycleSchema,
  createdAt: z.number(),
});
export type ClientVpnAssociationRecord = z.infer<typeof clientVpnAssociationSchema>;

export const clientVpnAuthorizationRuleSchema = z.object({
  destinationCidr: z.string(),
  accessGroupId: z.string().optional(),
  accessAll: z.boolean(),
  description: z.string().optional(),
  lifecycle: lifecycleSchema,
});
export type ClientVpnAuthorizationRuleRecord = z.infer<typeof clientVpnAuthorizationRuleSchema>;

export const clientVpnRouteSchema = z.object({
  destinationCidr: z.string(),
  targetSubnetId: z.string(),
  /** "associate": added by AssociateClientVpnTargetNetwork for the VPC CIDR; "add-route": CreateClientVpnRoute. */
  origin: z.enum(["associate", "add-route"]),
  description: z.string().optional(),
  lifecycle: lifecycleSchema,
});
export type ClientVpnRouteRecord = z.infer<typeof clientVpnRouteSchema>;

export const clientVpnConnectionSchema = z.object({
  id: z.string(),
  commonName: z.string(),
  /** The client certificate's serial, normalized (upper-case hex): what the revocation list names. */
  certificateSerial: z.string(),
  certificateNotAfter: z.number(),
  clientIp: z.string(),
  /** May lie slightly in the future: a client reconnecting after a reset. */
  establishedAt: z.number(),
  endedAt: z.number().optional(),
  /** Seeds the traffic counters, which grow with the connection's age. */
  trafficSeed: z.number(),
  /** Where the device connects from (its public address and source port): for the connection log. */
  deviceIp: z.string().optional(),
  devicePort: z.number().optional(),
});
export type ClientVpnConnectionRecord = z.infer<typeof clientVpnConnectionSchema>;

export const clientVpnEndpointSchema = z.object({
  id: z.string(),
  ownerId: z.string(),
  description: z.string().optional(),
  clientCidrBlock: z.string(),
  serverCertificateArn: z.string(),
  clientRootCertificateChainArn: z.string(),
  splitTunnel: z.boolean(),
  sessionTimeoutHours: z.number(),
  disconnectOnSessionTimeout: z.boolean(),
  vpcId: z.string().optional(),
  securityGroupIds: z.array(z.string()),
  dnsServers: z.array(z.string()),
  transportProtocol: z.enum(["udp", "tcp"]),
  vpnPort: z.number(),
  connectionLog: z.object({ enabled: z.boolean(), group: z.string().optional(), stream: z.string().optional() }),
  /** "pending-associate" until deletion starts: whether it is available depends on its associations. */
  lifecycle: lifecycleSchema,
  associations: z.array(clientVpnAssociationSchema),
  authorizationRules: z.array(clientVpnAuthorizationRuleSchema),
  routes: z.array(clientVpnRouteSchema),
  revocationList: z
    .object({ pem: z.string(), revokedSerials: z.array(z.string()), lifecycle: lifecycleSchema })
    .optional(),
  connections: z.array(clientVpnConnectionSchema),
  createdAt: z.number(),
  tags,
});
export type ClientVpnEndpointRecord = z.infer<typeof clientVpnEndpointSchema>;

export const clientTokenSchema = z.object({ fingerprint: z.string(), resourceId: z.string() });

export const regionStateSchema = z.object({
  accountsWithDefaults: z.array(z.string()),
  vpcs: z.record(z.string(), vpcSchema),
  subnets: z.record(z.string(), subnetSchema),
  securityGroups: z.record(z.string(), securityGroupSchema),
  loadBalancers: z.record(z.string(), loadBalancerSchema),
  endpointServices: z.record(z.string(), endpointServiceSchema),
  endpoints: z.record(z.string(), endpointSchema),
  /** `<account>:<action>:<token>` -> what the first call created. */
  clientTokens: z.record(z.string(), clientTokenSchema),
  // Added with issue 3: defaults let state files written before it load unchanged.
  routeTables: z.record(z.string(), routeTableSchema).default({}),
  customerGateways: z.record(z.string(), customerGatewaySchema).default({}),
  vpnGateways: z.record(z.string(), vpnGatewaySchema).default({}),
  transitGateways: z.record(z.string(), transitGatewaySchema).default({}),
  transitGatewayAttachments: z.record(z.string(), transitGatewayAttachmentSchema).default({}),
  transitGatewayRouteTables: z.record(z.string(), transitGatewayRouteTableSchema).default({}),
  vpnConnections: z.record(z.string(), vpnConnectionSchema).default({}),
  resolverEndpoints: z.record(z.string(), resolverEndpointSchema).default({}),
  // Added with issue 4.
  acmCertificates: z.record(z.string(), acmCertificateSchema).default({}),
  clientVpnEndpoints: z.record(z.string(), clientVpnEndpointSchema).default({}),
  /** `<account>:<log group name>` -> the group: names are unique per account and region. */
  logGroups: z.record(z.string(), logGroupSchema).default({}),
  /** Account id -> quota name -> raised value (lib/sandbox/quotas.ts); absent ones are AWS's defaults. */
  quotas: z.record(z.string(), z.record(z.string(), z.number())).default({}),
});
export type RegionState = z.infer<typeof regionStateSchema>;

export const cloudStateSchema = z.object({
  version: z.literal(1),
  rngState: z.number(),
  regions: z.record(z.string(), regionStateSchema),
});
export type CloudState = z.infer<typeof cloudStateSchema>;

export function emptyRegionState(): RegionState {
  return {
    accountsWithDefaults: [],
    vpcs: {},
    subnets: {},
    securityGroups: {},
    loadBalancers: {},
    endpointServices: {},
    endpoints: {},
    clientTokens: {},
    routeTables: {},
    customerGateways: {},
    vpnGateways: {},
    transitGateways: {},
    transitGatewayAttachments: {},
    transitGatewayRouteTables: {},
    vpnConnections: {},
    resolverEndpoints: {},
    acmCertificates: {},
    clientVpnEndpoints: {},
    logGroups: {},
    quotas: {},
  };
}

export function regionState(state: CloudState, region: string): RegionState {
  const existing = state.regions[region];
  if (existing) return existing;
  const created = emptyRegionState();
  state.regions[region] = created;
  return created;
}
