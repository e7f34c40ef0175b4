import { sql } from "drizzle-orm";
import { index, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";

/**
 * Landing VPC CIDRs handed out from the provider's pool (lib/ipam). A row is live until released;
 * released rows stay as history. The partial unique indexes are the last line of defence behind
 * the allocation lock: no block is live twice, and a connection holds at most one live block.
 */
export const ipamAllocations = pgTable(
  "ipam_allocations",
  {
    id: uuid().primaryKey().defaultRandom(),
    /** The pool CIDR the block was carved from, e.g. 10.128.0.0/12. */
    pool: text().notNull(),
    /** Canonical CIDR of the block, e.g. 10.128.4.0/24. */
    cidr: text().notNull(),
    /** No foreign key: any connectivity type's connection can hold a block. */
    connectionId: uuid().notNull(),
    allocatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    releasedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    uniqueIndex("ipam_allocations_live_cidr").on(t.cidr).where(sql`${t.releasedAt} is null`),
    uniqueIndex("ipam_allocations_live_connection").on(t.connectionId).where(sql`${t.releasedAt} is null`),
    index("ipam_allocations_connection_idx").on(t.connectionId, t.allocatedAt),
  ],
);
