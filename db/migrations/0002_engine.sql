CREATE TABLE "plan_runs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"connection_id" uuid NOT NULL,
	"tenant_id" uuid NOT NULL,
	"plan" text NOT NULL,
	"direction" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"input" jsonb NOT NULL,
	"reverses_run_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	"error_step" text,
	"error_code" text,
	"error_message" text
);
--> statement-breakpoint
CREATE TABLE "plan_steps" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"run_id" uuid NOT NULL,
	"name" text NOT NULL,
	"position" integer NOT NULL,
	"depends_on" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"status" text NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"retries" integer DEFAULT 0 NOT NULL,
	"waits" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"lease_owner" text,
	"lease_expires_at" timestamp with time zone,
	"outputs" jsonb,
	"resource_ids" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"wait_reason" text,
	"error_code" text,
	"error_message" text,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	"active_ms" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "worker_heartbeats" (
	"worker_id" text PRIMARY KEY NOT NULL,
	"last_seen_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "plan_runs" ADD CONSTRAINT "plan_runs_reverses_run_id_plan_runs_id_fk" FOREIGN KEY ("reverses_run_id") REFERENCES "public"."plan_runs"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_steps" ADD CONSTRAINT "plan_steps_run_id_plan_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."plan_runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "plan_runs_connection_idx" ON "plan_runs" USING btree ("connection_id","created_at");--> statement-breakpoint
CREATE INDEX "plan_runs_status_idx" ON "plan_runs" USING btree ("status");--> statement-breakpoint
CREATE UNIQUE INDEX "plan_runs_one_active_per_connection" ON "plan_runs" USING btree ("connection_id") WHERE "plan_runs"."status" in ('pending', 'running', 'waiting');--> statement-breakpoint
CREATE UNIQUE INDEX "plan_steps_run_name_key" ON "plan_steps" USING btree ("run_id","name");--> statement-breakpoint
CREATE INDEX "plan_steps_claim_idx" ON "plan_steps" USING btree ("next_attempt_at") WHERE "plan_steps"."status" in ('ready', 'waiting', 'running');--> statement-breakpoint
CREATE INDEX "worker_heartbeats_seen_idx" ON "worker_heartbeats" USING btree ("last_seen_at");