import { sql } from "drizzle-orm";
import { bigserial, check, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { productRegions } from "./catalog";
import { clientVpnEnvironments } from "./client-vpn";
import type { JsonObject } from "./engine";
import { tenants, users } from "./identity";

export type CustomerLocation = "aws" | "on_premises" | "other_cloud";
export type ConnectivityType = "privatelink" | "site_to_site" | "client_vpn";

/**
 * Lifecycle of a PrivateLink connection, as the customer sees it:
 * allowlisting -> awaiting_endpoint -> accepting -> available; removing -> removed.
 * `failed` holds the last error until a retry (by the reconciler or support) moves it on.
 */
export const PRIVATELINK_STATUSES = [
  "allowlisting",
  "awaiting_endpoint",
  "accepting",
  "available",
  "failed",
  "removing",
  "removed",
] as const;
export type ConnectionStatus = (typeof PRIVATELINK_STATUSES)[number];

/**
 * Lifecycle of a Site-to-Site VPN connection: provisioning -> available; removing -> removed.
 * Progress and failure live in its plan runs (plan_runs.connection_id), which the status view
 * reads; this column only says whether the connection is wanted, finished, or gone.
 */
export type SiteToSiteStatus = "provisioning" | "available" | "removing" | "removed";

export interface EndpointDnsEntry {
  dnsName: string;
  hostedZoneId: string | null;
}

export const connections = pgTable(
  "connections",
  {
    id: uuid().primaryKey().defaultRandom(),
    tenantId: uuid()
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    location: text().$type<CustomerLocation>().notNull(),
    type: text().$type<ConnectivityType>().notNull(),
    /** PrivateLink: the one product region. Site-to-Site and Client VPN: null; their products are in connection_products. */
    productRegionId: uuid().references(() => productRegions.id, { onDelete: "restrict" }),
    /** PrivateLink: the customer's AWS account that will own the interface endpoint. Null for other types. */
    awsAccountId: text(),
    /** Optional name the customer gives the connection (e.g. "Production VPC"). */
    label: text(),
    /**
     * The type's validated, non-secret request (Site-to-Site: site name, device IP, routing, CIDRs,
     * device type, acceleration, cloud), parsed by that type's schema on read. Secrets never go here.
     */
    params: jsonb().$type<JsonObject>(),
    /** Client VPN: the environment of the region's pool the connection is placed on; null for other types. */
    clientVpnEnvironmentId: uuid().references(() => clientVpnEnvironments.id, { onDelete: "restrict" }),
    status: text().$type<ConnectionStatus | SiteToSiteStatus>().notNull(),
    /** The customer's interface endpoint once Onramp has seen it. */
    vpcEndpointId: text(),
    endpointDnsEntries: jsonb().$type<EndpointDnsEntry[]>().notNull().default(sql`'[]'::jsonb`),
    errorCode: text(),
    errorMessage: text(),
    createdBy: uuid().references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    availableAt: timestamp({ withTimezone: true }),
    removedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    index("connections_tenant_created_idx").on(t.tenantId, t.createdAt),
    index("connections_status_idx").on(t.status),
    index("connections_product_region_idx").on(t.productRegionId, t.awsAccountId),
    index("connections_updated_idx").on(t.updatedAt),
    index("connections_client_vpn_environment_idx").on(t.clientVpnEnvironmentId).where(sql`${t.clientVpnEnvironmentId} is not null`),
    // One live connection per tenant, account and endpoint service.
    uniqueIndex("connections_live_key")
      .on(t.tenantId, t.productRegionId, t.awsAccountId)
      .where(sql`${t.status} <> 'removed'`),
    // A tenant's Client VPN access is one connection per region: its devices are the tenant's in that region.
    uniqueIndex("connections_live_client_vpn_region")
      .on(t.tenantId, sql`(${t.params}->>'region')`)
      .where(sql`${t.type} = 'client_vpn' and ${t.status} <> 'removed'`),
    check(
      "connections_type_fields",
      sql`(${t.type} = 'privatelink' and ${t.productRegionId} is not null and ${t.awsAccountId} is not null) or (${t.type} <> 'privatelink' and ${t.params} is not null)`,
    ),
  ],
);

/** The product regions a connection reaches when it reaches several (a Site-to-Site landing VPC). */
export const connectionProducts = pgTable(
  "connection_products",
  {
    connectionId: uuid()
      .notNull()
      .references(() => connections.id, { onDelete: "cascade" }),
    productRegionId: uuid()
      .notNull()
      .references(() => productRegions.id, { onDelete: "restrict" }),
    /** The order the customer chose them in, for display. */
    position: integer().notNull(),
  },
  (t) => [primaryKey({ columns: [t.connectionId, t.productRegionId] }), index("connection_products_product_region_idx").on(t.productRegionId)],
);

/**
 * Secrets of a connection (e.g. `tunnel1.psk`), encrypted by lib/crypto/secret-encryption with the
 * context `connection:<id>:<name>`. Rows rather than columns: each type has its own set (two tunnel
 * keys here, certificate keys for Client VPN), and a row per secret gets its own encryption
 * context, creation time and audit trail of reveals without a migration per type.
 */
export const connectionSecrets = pgTable(
  "connection_secrets",
  {
    connectionId: uuid()
      .notNull()
      .references(() => connections.id, { onDelete: "cascade" }),
    name: text().notNull(),
    ciphertext: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.connectionId, t.name] })],
);

export type EndpointDecision = "accepted" | "rejected" | "held";

/** Every endpoint connection Onramp has seen on a provider endpoint service. */
export const endpointConnections = pgTable(
  "endpoint_connections",
  {
    id: uuid().primaryKey().defaultRandom(),
    productRegionId: uuid()
      .notNull()
      .references(() => productRegions.id, { onDelete: "cascade" }),
    vpcEndpointId: text().notNull(),
    ownerAccountId: text().notNull(),
    awsState: text().notNull(),
    dnsEntries: jsonb().$type<EndpointDnsEntry[]>().notNull().default(sql`'[]'::jsonb`),
    /** The tenant connection it belongs to; null when its owner matches no tenant. */
    connectionId: uuid().references(() => connections.id, { onDelete: "set null" }),
    decision: text().$type<EndpointDecision>(),
    decidedBy: uuid().references(() => users.id, { onDelete: "set null" }),
    decidedAt: timestamp({ withTimezone: true }),
    awsCreatedAt: timestamp({ withTimezone: true }),
    firstSeenAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("endpoint_connections_endpoint_key").on(t.productRegionId, t.vpcEndpointId),
    index("endpoint_connections_decision_idx").on(t.decision, t.lastSeenAt),
    index("endpoint_connections_connection_idx").on(t.connectionId),
  ],
);

/** What happened to a connection, for the customer's timeline and support's history. */
export const connectionEvents = pgTable(
  "connection_events",
  {
    id: bigserial({ mode: "number" }).primaryKey(),
    connectionId: uuid()
      .notNull()
      .references(() => connections.id, { onDelete: "cascade" }),
    at: timestamp({ withTimezone: true }).notNull().defaultNow(),
    kind: text().notNull(),
    message: text().notNull(),
    /** Null when the system (the reconciler) did it. */
    actorUserId: uuid().references(() => users.id, { onDelete: "set null" }),
  },
  (t) => [index("connection_events_connection_at_idx").on(t.connectionId, t.at)],
);
