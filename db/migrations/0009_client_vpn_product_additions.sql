CREATE TABLE "client_vpn_product_additions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"environment_id" uuid NOT NULL,
	"product_region_id" uuid NOT NULL,
	"status" text NOT NULL,
	"reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "client_vpn_product_additions" ADD CONSTRAINT "client_vpn_product_additions_environment_id_client_vpn_environments_id_fk" FOREIGN KEY ("environment_id") REFERENCES "public"."client_vpn_environments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "client_vpn_product_additions" ADD CONSTRAINT "client_vpn_product_additions_product_region_id_product_regions_id_fk" FOREIGN KEY ("product_region_id") REFERENCES "public"."product_regions"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "client_vpn_product_additions_environment_product_key" ON "client_vpn_product_additions" USING btree ("environment_id","product_region_id");