import { jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";

/** Provider-wide settings that provider admins change at run time. */
export const providerSettings = pgTable("provider_settings", {
  key: text().primaryKey(),
  value: jsonb().$type<string | number | boolean>().notNull(),
  updatedBy: uuid(),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});
