CREATE TABLE "client_vpn_device_certificates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"device_id" uuid NOT NULL,
	"tenant_id" uuid NOT NULL,
	"region" text NOT NULL,
	"client_vpn_endpoint_id" text NOT NULL,
	"serial_number" text NOT NULL,
	"common_name" text NOT NULL,
	"certificate_pem" text NOT NULL,
	"not_after" timestamp with time zone NOT NULL,
	"configuration_without_key" text,
	"encrypted_private_key" text,
	"download_token_hash" text NOT NULL,
	"download_expires_at" timestamp with time zone NOT NULL,
	"downloaded_at" timestamp with time zone,
	"downloaded_by" uuid,
	"issued_by" uuid,
	"issued_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revoked_at" timestamp with time zone,
	"revocation_reason" text
);
--> statement-breakpoint
CREATE TABLE "client_vpn_devices" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"region" text NOT NULL,
	"client_vpn_endpoint_id" text NOT NULL,
	"name" text NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"expires_at" timestamp with time zone,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revoked_by" uuid,
	"revoked_at" timestamp with time zone,
	"last_download_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "client_vpn_revocation_lists" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"region" text NOT NULL,
	"client_vpn_endpoint_id" text NOT NULL,
	"dirty_since" timestamp with time zone,
	"flushing_since" timestamp with time zone,
	"lease_owner" text,
	"lease_expires_at" timestamp with time zone,
	"last_imported_at" timestamp with time zone,
	"last_crl_number" bigint,
	"crl_next_update" timestamp with time zone,
	"imported_serial_count" integer DEFAULT 0 NOT NULL,
	"retry_at" timestamp with time zone,
	"consecutive_failures" integer DEFAULT 0 NOT NULL,
	"last_error" text
);
--> statement-breakpoint
ALTER TABLE "client_vpn_device_certificates" ADD CONSTRAINT "client_vpn_device_certificates_device_id_client_vpn_devices_id_fk" FOREIGN KEY ("device_id") REFERENCES "public"."client_vpn_devices"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "client_vpn_device_certificates" ADD CONSTRAINT "client_vpn_device_certificates_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "client_vpn_device_certificates" ADD CONSTRAINT "client_vpn_device_certificates_downloaded_by_users_id_fk" FOREIGN KEY ("downloaded_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "client_vpn_device_certificates" ADD CONSTRAINT "client_vpn_device_certificates_issued_by_users_id_fk" FOREIGN KEY ("issued_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "client_vpn_devices" ADD CONSTRAINT "client_vpn_devices_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "client_vpn_devices" ADD CONSTRAINT "client_vpn_devices_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "client_vpn_devices" ADD CONSTRAINT "client_vpn_devices_revoked_by_users_id_fk" FOREIGN KEY ("revoked_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "client_vpn_device_certificates_serial_key" ON "client_vpn_device_certificates" USING btree ("serial_number");--> statement-breakpoint
CREATE UNIQUE INDEX "client_vpn_device_certificates_token_key" ON "client_vpn_device_certificates" USING btree ("download_token_hash");--> statement-breakpoint
CREATE INDEX "client_vpn_device_certificates_device_idx" ON "client_vpn_device_certificates" USING btree ("device_id","issued_at");--> statement-breakpoint
CREATE INDEX "client_vpn_device_certificates_revoked_idx" ON "client_vpn_device_certificates" USING btree ("region","client_vpn_endpoint_id","not_after") WHERE "client_vpn_device_certificates"."revoked_at" is not null;--> statement-breakpoint
CREATE INDEX "client_vpn_device_certificates_pending_key_idx" ON "client_vpn_device_certificates" USING btree ("download_expires_at") WHERE "client_vpn_device_certificates"."encrypted_private_key" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "client_vpn_devices_live_name" ON "client_vpn_devices" USING btree ("tenant_id",lower("name")) WHERE "client_vpn_devices"."status" = 'active';--> statement-breakpoint
CREATE INDEX "client_vpn_devices_tenant_idx" ON "client_vpn_devices" USING btree ("tenant_id","created_at");--> statement-breakpoint
CREATE INDEX "client_vpn_devices_expiry_idx" ON "client_vpn_devices" USING btree ("expires_at") WHERE "client_vpn_devices"."status" = 'active';--> statement-breakpoint
CREATE UNIQUE INDEX "client_vpn_revocation_lists_endpoint_key" ON "client_vpn_revocation_lists" USING btree ("region","client_vpn_endpoint_id");