CREATE TABLE "client_vpn_endpoint_operation_slots" (
	"client_vpn_endpoint_id" text NOT NULL,
	"slot" integer NOT NULL,
	"holder" uuid NOT NULL,
	"lease_expires_at" timestamp with time zone NOT NULL,
	CONSTRAINT "client_vpn_endpoint_operation_slots_client_vpn_endpoint_id_slot_pk" PRIMARY KEY("client_vpn_endpoint_id","slot")
);
--> statement-breakpoint
DROP INDEX "client_vpn_environments_live_region";--> statement-breakpoint
ALTER TABLE "client_vpn_environments" ADD COLUMN "dedicated_tenant_id" uuid;--> statement-breakpoint
ALTER TABLE "connections" ADD COLUMN "client_vpn_environment_id" uuid;--> statement-breakpoint
ALTER TABLE "tenants" ADD COLUMN "dedicated_client_vpn" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "client_vpn_environments" ADD CONSTRAINT "client_vpn_environments_dedicated_tenant_id_tenants_id_fk" FOREIGN KEY ("dedicated_tenant_id") REFERENCES "public"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "connections" ADD CONSTRAINT "connections_client_vpn_environment_id_client_vpn_environments_id_fk" FOREIGN KEY ("client_vpn_environment_id") REFERENCES "public"."client_vpn_environments"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "client_vpn_environments_dedicated_idx" ON "client_vpn_environments" USING btree ("dedicated_tenant_id") WHERE "client_vpn_environments"."dedicated_tenant_id" is not null;--> statement-breakpoint
CREATE INDEX "connections_client_vpn_environment_idx" ON "connections" USING btree ("client_vpn_environment_id") WHERE "connections"."client_vpn_environment_id" is not null;--> statement-breakpoint
-- Before the pool a region had one environment: every live Client VPN connection is placed on it.
UPDATE "connections" SET "client_vpn_environment_id" = "e"."id" FROM "client_vpn_environments" "e" WHERE "connections"."type" = 'client_vpn' AND "connections"."status" <> 'removed' AND "e"."region" = "connections"."params"->>'region' AND "e"."status" <> 'removed';
