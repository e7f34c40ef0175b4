CREATE TABLE "client_vpn_certificate_authorities" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"environment_id" uuid NOT NULL,
	"role" text NOT NULL,
	"certificate_pem" text NOT NULL,
	"chain_pem" text NOT NULL,
	"encrypted_private_key" text NOT NULL,
	"serial_number" text NOT NULL,
	"not_after" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "client_vpn_environments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"region" text NOT NULL,
	"status" text DEFAULT 'provisioning' NOT NULL,
	"client_cidr_holder_id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"available_at" timestamp with time zone,
	"removed_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "client_vpn_certificate_authorities" ADD CONSTRAINT "client_vpn_certificate_authorities_environment_id_client_vpn_environments_id_fk" FOREIGN KEY ("environment_id") REFERENCES "public"."client_vpn_environments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "client_vpn_certificate_authorities_role_key" ON "client_vpn_certificate_authorities" USING btree ("environment_id","role");--> statement-breakpoint
CREATE UNIQUE INDEX "client_vpn_environments_live_region" ON "client_vpn_environments" USING btree ("region") WHERE "client_vpn_environments"."status" <> 'removed';--> statement-breakpoint
CREATE INDEX "client_vpn_environments_region_idx" ON "client_vpn_environments" USING btree ("region","created_at");