CREATE TYPE "public"."job_item_state" AS ENUM('pending', 'running', 'parked', 'done', 'failed', 'skipped', 'cancelled');--> statement-breakpoint
CREATE TYPE "public"."job_kind" AS ENUM('commit', 'submit', 'pipeline', 'release', 'gray', 'cancel_gray', 'rollback', 'visit_status', 'base_library', 'refresh_versions');--> statement-breakpoint
CREATE TYPE "public"."job_state" AS ENUM('running', 'paused', 'cancelled', 'finished');--> statement-breakpoint
CREATE TABLE "bulk_items" (
	"job_id" uuid NOT NULL,
	"tenant_id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"state" "job_item_state" DEFAULT 'pending' NOT NULL,
	"step" text NOT NULL,
	"inflight" jsonb,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_code" integer,
	"last_message" text,
	"reason" text,
	"result" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"parked_until" timestamp with time zone,
	"parked_for" text,
	"lease_owner" text,
	"lease_until" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "bulk_items_job_id_tenant_id_pk" PRIMARY KEY("job_id","tenant_id")
);
--> statement-breakpoint
CREATE TABLE "bulk_jobs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" "job_kind" NOT NULL,
	"params" jsonb NOT NULL,
	"state" "job_state" DEFAULT 'running' NOT NULL,
	"paused_reason" text,
	"paused_code" integer,
	"selection" jsonb NOT NULL,
	"total" integer NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	"notified_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "bulk_rates" (
	"account_id" uuid PRIMARY KEY NOT NULL,
	"next_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "tenant_snapshots" (
	"tenant_id" uuid PRIMARY KEY NOT NULL,
	"trial_version" text,
	"trial_template_id" bigint,
	"trial_at" timestamp with time zone,
	"audit_version" text,
	"audit_state" "audit_state",
	"auditid" bigint,
	"live_version" text,
	"live_template_id" bigint,
	"gray_percentage" integer,
	"gray_version" text,
	"visible" boolean,
	"categories" jsonb,
	"categories_at" timestamp with time zone,
	"read_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "bulk_items" ADD CONSTRAINT "bulk_items_job_id_bulk_jobs_id_fk" FOREIGN KEY ("job_id") REFERENCES "public"."bulk_jobs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bulk_items" ADD CONSTRAINT "bulk_items_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bulk_items" ADD CONSTRAINT "bulk_items_account_id_platform_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."platform_accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bulk_jobs" ADD CONSTRAINT "bulk_jobs_created_by_operators_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."operators"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bulk_rates" ADD CONSTRAINT "bulk_rates_account_id_platform_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."platform_accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tenant_snapshots" ADD CONSTRAINT "tenant_snapshots_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "bulk_items_job_state_idx" ON "bulk_items" USING btree ("job_id","state","position");--> statement-breakpoint
CREATE UNIQUE INDEX "bulk_items_active_tenant_key" ON "bulk_items" USING btree ("tenant_id") WHERE state in ('pending', 'running', 'parked');--> statement-breakpoint
CREATE INDEX "bulk_items_parked_idx" ON "bulk_items" USING btree ("parked_for","tenant_id") WHERE state = 'parked';--> statement-breakpoint
CREATE INDEX "bulk_jobs_created_idx" ON "bulk_jobs" USING btree ("created_at","id");--> statement-breakpoint
CREATE INDEX "bulk_jobs_state_idx" ON "bulk_jobs" USING btree ("state");--> statement-breakpoint
CREATE INDEX "tenant_snapshots_live_template_idx" ON "tenant_snapshots" USING btree ("live_template_id");--> statement-breakpoint
CREATE INDEX "tenant_snapshots_trial_template_idx" ON "tenant_snapshots" USING btree ("trial_template_id");