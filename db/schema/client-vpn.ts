import { sql } from "drizzle-orm";
import { index, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";

/**
 * The provider's shared Client VPN environment in one region (lib/connectivity/client-vpn): a
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
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    availableAt: timestamp({ withTimezone: true }),
    removedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    // One environment per region at a time; removed ones stay as history.
    uniqueIndex("client_vpn_environments_live_region").on(t.region).where(sql`${t.status} <> 'removed'`),
    index("client_vpn_environments_region_idx").on(t.region, t.createdAt),
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
