CREATE TABLE "connection_products" (
	"connection_id" uuid NOT NULL,
	"product_region_id" uuid NOT NULL,
	"position" integer NOT NULL,
	CONSTRAINT "connection_products_connection_id_product_region_id_pk" PRIMARY KEY("connection_id","product_region_id")
);
--> statement-breakpoint
CREATE TABLE "connection_secrets" (
	"connection_id" uuid NOT NULL,
	"name" text NOT NULL,
	"ciphertext" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "connection_secrets_connection_id_name_pk" PRIMARY KEY("connection_id","name")
);
--> statement-breakpoint
ALTER TABLE "connections" ALTER COLUMN "product_region_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "connections" ALTER COLUMN "aws_account_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "connections" ADD COLUMN "params" jsonb;--> statement-breakpoint
ALTER TABLE "connection_products" ADD CONSTRAINT "connection_products_connection_id_connections_id_fk" FOREIGN KEY ("connection_id") REFERENCES "public"."connections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "connection_products" ADD CONSTRAINT "connection_products_product_region_id_product_regions_id_fk" FOREIGN KEY ("product_region_id") REFERENCES "public"."product_regions"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "connection_secrets" ADD CONSTRAINT "connection_secrets_connection_id_connections_id_fk" FOREIGN KEY ("connection_id") REFERENCES "public"."connections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "connection_products_product_region_idx" ON "connection_products" USING btree ("product_region_id");--> statement-breakpoint
ALTER TABLE "connections" ADD CONSTRAINT "connections_type_fields" CHECK (("connections"."type" = 'privatelink' and "connections"."product_region_id" is not null and "connections"."aws_account_id" is not null) or ("connections"."type" <> 'privatelink' and "connections"."params" is not null));