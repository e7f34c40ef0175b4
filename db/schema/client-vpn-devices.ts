import { sql } from "drizzle-orm";
import { bigint, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { tenants, users } from "./identity";

/**
 * A tenant's Client VPN device (lib/connectivity/client-vpn/devices): a machine or person that
 * connects with a client certificate to a Client VPN endpoint the tenant is placed on.
 *
 * active -> revoked (by an admin) | expired (its expiry passed). Both end states are final: their
 * certificates are in the endpoint's revocation list.
 */
export type ClientVpnDeviceStatus = "active" | "revoked" | "expired";

export const clientVpnDevices = pgTable(
  "client_vpn_devices",
  {
    id: uuid().primaryKey().defaultRandom(),
    tenantId: uuid()
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    region: text().notNull(),
    clientVpnEndpointId: text().notNull(),
    name: text().notNull(),
    status: text().$type<ClientVpnDeviceStatus>().notNull().default("active"),
    /** When the device loses access; its certificates end then too. Null: a year per certificate. */
    expiresAt: timestamp({ withTimezone: true }),
    createdBy: uuid().references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    revokedBy: uuid().references(() => users.id, { onDelete: "set null" }),
    /** When it was revoked or expired. */
    revokedAt: timestamp({ withTimezone: true }),
    lastDownloadAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    // A name tells live devices apart in the list; revoked ones keep theirs as history.
    uniqueIndex("client_vpn_devices_live_name").on(t.tenantId, sql`lower(${t.name})`).where(sql`${t.status} = 'active'`),
    index("client_vpn_devices_tenant_idx").on(t.tenantId, t.createdAt),
    index("client_vpn_devices_expiry_idx").on(t.expiresAt).where(sql`${t.status} = 'active'`),
  ],
);

export type ClientVpnRevocationReason = "superseded" | "cessationOfOperation";

/**
 * Every client certificate issued to a device, one per configuration issued. The private key is
 * kept, only as lib/crypto ciphertext, until its single download through the link whose token hash
 * is stored here (the token itself never is), and deleted then or when the link expires.
 */
export const clientVpnDeviceCertificates = pgTable(
  "client_vpn_device_certificates",
  {
    id: uuid().primaryKey().defaultRandom(),
    deviceId: uuid()
      .notNull()
      .references(() => clientVpnDevices.id, { onDelete: "cascade" }),
    tenantId: uuid()
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    /** The endpoint whose configuration it was issued with and whose revocation list it joins. */
    region: text().notNull(),
    clientVpnEndpointId: text().notNull(),
    /** Lowercase hex, as lib/pki issues it. */
    serialNumber: text().notNull(),
    commonName: text().notNull(),
    certificatePem: text().notNull(),
    notAfter: timestamp({ withTimezone: true }).notNull(),
    /**
     * The .ovpn without its key: the endpoint's export (ExportClientVpnClientConfiguration) with the
     * `<cert>` block. The key joins it at the single download; then both are deleted.
     */
    configurationWithoutKey: text(),
    encryptedPrivateKey: text(),
    /** SHA-256 (hex) of the download link's token. */
    downloadTokenHash: text().notNull(),
    downloadExpiresAt: timestamp({ withTimezone: true }).notNull(),
    downloadedAt: timestamp({ withTimezone: true }),
    downloadedBy: uuid().references(() => users.id, { onDelete: "set null" }),
    issuedBy: uuid().references(() => users.id, { onDelete: "set null" }),
    issuedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    revokedAt: timestamp({ withTimezone: true }),
    revocationReason: text().$type<ClientVpnRevocationReason>(),
  },
  (t) => [
    uniqueIndex("client_vpn_device_certificates_serial_key").on(t.serialNumber),
    uniqueIndex("client_vpn_device_certificates_token_key").on(t.downloadTokenHash),
    index("client_vpn_device_certificates_device_idx").on(t.deviceId, t.issuedAt),
    // The revocation list of an endpoint: its revoked certificates not long expired.
    index("client_vpn_device_certificates_revoked_idx").on(t.region, t.clientVpnEndpointId, t.notAfter).where(sql`${t.revokedAt} is not null`),
    index("client_vpn_device_certificates_pending_key_idx").on(t.downloadExpiresAt).where(sql`${t.encryptedPrivateKey} is not null`),
  ],
);

/**
 * One Client VPN endpoint's certificate revocation list, shared by every tenant on it. Importing a
 * list replaces the whole list and resets every connection on the endpoint, so revocations mark it
 * dirty and lib/connectivity/client-vpn/devices/revocation-list.ts imports them in batches, under a
 * lease so one process imports at a time.
 */
export const clientVpnRevocationLists = pgTable(
  "client_vpn_revocation_lists",
  {
    id: uuid().primaryKey().defaultRandom(),
    region: text().notNull(),
    clientVpnEndpointId: text().notNull(),
    /** The first revocation not yet imported; null when the imported list is current. */
    dirtySince: timestamp({ withTimezone: true }),
    /** The dirtySince a running import took over; it stays dirty if that import never finishes. */
    flushingSince: timestamp({ withTimezone: true }),
    leaseOwner: text(),
    leaseExpiresAt: timestamp({ withTimezone: true }),
    lastImportedAt: timestamp({ withTimezone: true }),
    lastCrlNumber: bigint({ mode: "bigint" }),
    /** The imported list's nextUpdate: it is re-imported before then. */
    crlNextUpdate: timestamp({ withTimezone: true }),
    importedSerialCount: integer().notNull().default(0),
    retryAt: timestamp({ withTimezone: true }),
    consecutiveFailures: integer().notNull().default(0),
    lastError: text(),
  },
  (t) => [uniqueIndex("client_vpn_revocation_lists_endpoint_key").on(t.region, t.clientVpnEndpointId)],
);
