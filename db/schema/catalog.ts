import { sql } from "drizzle-orm";
import { boolean, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { users } from "./identity";

/** A product of the provider that customers can reach privately. */
export const products = pgTable(
  "products",
  {
    id: uuid().primaryKey().defaultRandom(),
    slug: text().notNull(),
    name: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("products_slug_key").on(t.slug)],
);

/**
 * A product's endpoint service in one region. The details are read from AWS at registration and
 * refreshed; they are cached here so customer pages never wait on AWS.
 */
export const productRegions = pgTable(
  "product_regions",
  {
    id: uuid().primaryKey().defaultRandom(),
    productId: uuid()
      .notNull()
      .references(() => products.id, { onDelete: "restrict" }),
    region: text().notNull(),
    serviceId: text().notNull(),
    serviceName: text().notNull(),
    privateDnsName: text(),
    zoneIds: jsonb().$type<string[]>().notNull(),
    ports: jsonb().$type<number[]>().notNull(),
    baseEndpointDnsNames: jsonb().$type<string[]>().notNull().default(sql`'[]'::jsonb`),
    acceptanceRequired: boolean().notNull(),
    registeredBy: uuid().references(() => users.id, { onDelete: "set null" }),
    registeredAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    refreshedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    /** Reconciler scheduling: when this service is next due, and which process holds it. */
    reconcileDueAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    leaseOwner: text(),
    leaseExpiresAt: timestamp({ withTimezone: true }),
    lastReconciledAt: timestamp({ withTimezone: true }),
    lastReconcileError: text(),
    consecutiveFailures: integer().notNull().default(0),
  },
  (t) => [
    uniqueIndex("product_regions_product_region_key").on(t.productId, t.region),
    uniqueIndex("product_regions_service_key").on(t.region, t.serviceId),
    index("product_regions_due_idx").on(t.reconcileDueAt),
  ],
);
