CREATE TABLE "ipam_allocations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"pool" text NOT NULL,
	"cidr" text NOT NULL,
	"connection_id" uuid NOT NULL,
	"allocated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"released_at" timestamp with time zone
);
--> statement-breakpoint
CREATE UNIQUE INDEX "ipam_allocations_live_cidr" ON "ipam_allocations" USING btree ("cidr") WHERE "ipam_allocations"."released_at" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "ipam_allocations_live_connection" ON "ipam_allocations" USING btree ("connection_id") WHERE "ipam_allocations"."released_at" is null;--> statement-breakpoint
CREATE INDEX "ipam_allocations_connection_idx" ON "ipam_allocations" USING btree ("connection_id","allocated_at");