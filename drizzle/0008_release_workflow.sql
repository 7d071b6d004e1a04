CREATE TABLE "audit_profiles" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"item_list" jsonb NOT NULL,
	"options" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "audit_profiles_name_unique" UNIQUE("name")
);
--> statement-breakpoint
CREATE TABLE "commits" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"template_id" bigint NOT NULL,
	"user_version" text NOT NULL,
	"user_desc" text NOT NULL,
	"ext_json" text NOT NULL,
	"actor_id" uuid,
	"bulk_job_id" uuid,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"ok" boolean NOT NULL,
	"errcode" integer,
	"error" text
);
--> statement-breakpoint
CREATE TABLE "ext_json_presets" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"ext_json" text NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ext_json_presets_name_unique" UNIQUE("name")
);
--> statement-breakpoint
CREATE TABLE "templates" (
	"account_id" uuid NOT NULL,
	"template_id" bigint NOT NULL,
	"user_version" text DEFAULT '' NOT NULL,
	"user_desc" text DEFAULT '' NOT NULL,
	"kind" text DEFAULT 'custom' NOT NULL,
	"source_appid" text,
	"source_name" text,
	"developer" text,
	"pages" text[],
	"platform_created_at" timestamp with time zone,
	"synced_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "templates_account_id_template_id_pk" PRIMARY KEY("account_id","template_id")
);
--> statement-breakpoint
CREATE TABLE "trial_qr_codes" (
	"tenant_id" uuid NOT NULL,
	"path" text NOT NULL,
	"content_type" text NOT NULL,
	"bytes" "bytea" NOT NULL,
	"fetched_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "trial_qr_codes_tenant_id_path_pk" PRIMARY KEY("tenant_id","path")
);
--> statement-breakpoint
CREATE TABLE "sandbox_media" (
	"media_id" text PRIMARY KEY NOT NULL,
	"appid" text NOT NULL,
	"kind" text NOT NULL,
	"content_type" text NOT NULL,
	"bytes" "bytea" NOT NULL,
	"purpose" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "platform_accounts" ADD COLUMN "templates_synced_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "tenant_audits" ADD COLUMN "item_list" jsonb;--> statement-breakpoint
ALTER TABLE "tenant_audits" ADD COLUMN "options" jsonb;--> statement-breakpoint
ALTER TABLE "tenant_audits" ADD COLUMN "actor_id" uuid;--> statement-breakpoint
ALTER TABLE "tenants" ADD COLUMN "variables" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "tenants" ADD COLUMN "last_audit_profile_id" uuid;--> statement-breakpoint
ALTER TABLE "audit_profiles" ADD CONSTRAINT "audit_profiles_created_by_operators_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."operators"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "commits" ADD CONSTRAINT "commits_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "commits" ADD CONSTRAINT "commits_actor_id_operators_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."operators"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ext_json_presets" ADD CONSTRAINT "ext_json_presets_created_by_operators_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."operators"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "templates" ADD CONSTRAINT "templates_account_id_platform_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."platform_accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trial_qr_codes" ADD CONSTRAINT "trial_qr_codes_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "commits_tenant_at_idx" ON "commits" USING btree ("tenant_id","at");--> statement-breakpoint
CREATE INDEX "templates_account_created_idx" ON "templates" USING btree ("account_id","platform_created_at");--> statement-breakpoint
CREATE INDEX "sandbox_media_appid_idx" ON "sandbox_media" USING btree ("appid");--> statement-breakpoint
ALTER TABLE "tenant_audits" ADD CONSTRAINT "tenant_audits_actor_id_operators_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."operators"("id") ON DELETE set null ON UPDATE no action;