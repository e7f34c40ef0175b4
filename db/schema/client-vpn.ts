import { sql } from "drizzle-orm";
import { index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { productRegions } from "./catalog";
import { tenants } from "./identity";

/**
 * One of the provider's Client VPN environments in a region (a pool of up to five, AWS's endpoint
 * quota; lib/connectivity/client-vpn/placement.ts places tenants on them) (lib/connectivity/client-vpn): a
 * landing VPC with interface endpoints to the region's products and a Client VPN endpoint many
 * tenants' devices connect to. Its id is the engine's run target (plan_runs.connection_id) and the
 * holder of the landing VPC's block in lib/ipam.
 *
 * provisioning -> available; removing -> removed. Progress and failure live in the plan runs.
 */
export type ClientVpnEnvironmentStatus = "provisioning" | "available" | "removing" | "removed";

export const clientVpnEnvironments = pgTable(
  "client_vpn_environments",
  {
    id: uuid().primaryKey().defaultRandom(),
    region: text().notNull(),
    status: text().$type<ClientVpnEnvironmentStatus>().notNull().default("provisioning"),
    /** lib/ipam gives one block per holder: the clients' address block is held under this id. */
    clientCidrHolderId: uuid().notNull().defaultRandom(),
    /** Set for an enterprise tenant's endpoint of its own: no other tenant is ever placed on it. */
    dedicatedTenantId: uuid().references(() => tenants.id, { onDelete: "restrict" }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    availableAt: timestamp({ withTimezone: true }),
    removedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    // Removed ones stay as history; placement reads the live ones of a region.
    index("client_vpn_environments_region_idx").on(t.region, t.createdAt),
    index("client_vpn_environments_dedicated_idx").on(t.dedicatedTenantId).where(sql`${t.dedicatedTenantId} is not null`),
  ],
);

export type ClientVpnAuthorityRole = "root" | "client";

/**
 * The environment's certificate authorities (lib/pki/ca.ts): the root, which issues the endpoint's
 * server certificate, and the client CA below it, which issues device certificates and signs the
 * revocation list. The private key is stored only as lib/crypto ciphertext (never PEM), bound to
 * the environment and role; the rows are deleted, destroying the keys, when the environment is.
 */
export const clientVpnCertificateAuthorities = pgTable(
  "client_vpn_certificate_authorities",
  {
    id: uuid().primaryKey().defaultRandom(),
    environmentId: uuid()
      .notNull()
      .references(() => clientVpnEnvironments.id, { onDelete: "cascade" }),
    role: text().$type<ClientVpnAuthorityRole>().notNull(),
    certificatePem: text().notNull(),
    /** The issuers above it as PEM, nearest first; empty for the root. */
    chainPem: text().notNull(),
    encryptedPrivateKey: text().notNull(),
    serialNumber: text().notNull(),
    notAfter: timestamp({ withTimezone: true }).notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("client_vpn_certificate_authorities_role_key").on(t.environmentId, t.role)],
);

/**
 * The slots of one Client VPN endpoint's operation limit (lib/connectivity/client-vpn/endpoint-operations.ts):
 * AWS runs at most 10 concurrent operations per endpoint, so a mutating call holds one slot row,
 * across every process, while it runs. A slot whose lease expired (its holder crashed) is free.
 */
export const clientVpnEndpointOperationSlots = pgTable(
  "client_vpn_endpoint_operation_slots",
  {
    clientVpnEndpointId: text().notNull(),
    slot: integer().notNull(),
    holder: uuid().notNull(),
    leaseExpiresAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.clientVpnEndpointId, t.slot] })],
);

/**
 * adding: its run is creating the interface endpoint; available: devices reach the product;
 * unreachable: the product's service runs in neither of the environment's zones, so nothing was
 * made (`reason` says so); failed: the run failed (`reason` holds AWS's error, the run the rest);
 * removed: the environment is gone, and its removal deleted the endpoint with the VPC's others.
 */
export type ClientVpnProductAdditionStatus = "adding" | "available" | "unreachable" | "failed" | "removed";

/**
 * A product the catalog began offering in a region after one of its Client VPN environments was
 * built, added to that environment by a run of its own
 * (lib/connectivity/client-vpn/product-addition-plan.ts). Its id is that run's target. One row
 * per environment and product, so however many processes notice the gap at once, the endpoint is
 * made at most once.
 */
export const clientVpnProductAdditions = pgTable(
  "client_vpn_product_additions",
  {
    id: uuid().primaryKey().defaultRandom(),
    environmentId: uuid()
      .notNull()
      .references(() => clientVpnEnvironments.id, { onDelete: "cascade" }),
    productRegionId: uuid()
      .notNull()
      .references(() => productRegions.id, { onDelete: "restrict" }),
    status: text().$type<ClientVpnProductAdditionStatus>().notNull(),
    reason: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp({ withTimezone: true }),
  },
  (t) => [uniqueIndex("client_vpn_product_additions_environment_product_key").on(t.environmentId, t.productRegionId)],
);
