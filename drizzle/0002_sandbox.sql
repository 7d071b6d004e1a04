CREATE TABLE "sandbox_audits" (
	"auditid" bigserial PRIMARY KEY NOT NULL,
	"appid" text NOT NULL,
	"status" integer DEFAULT 2 NOT NULL,
	"reason" text,
	"screenshot" text,
	"user_version" text NOT NULL,
	"user_desc" text DEFAULT '' NOT NULL,
	"request" jsonb NOT NULL,
	"sped_up" boolean DEFAULT false NOT NULL,
	"submit_time" timestamp with time zone DEFAULT now() NOT NULL,
	"decided_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "sandbox_authorizers" (
	"appid" text PRIMARY KEY NOT NULL,
	"component_appid" text NOT NULL,
	"nickname" text NOT NULL,
	"user_name" text NOT NULL,
	"principal_name" text NOT NULL,
	"head_img" text DEFAULT '' NOT NULL,
	"signature" text DEFAULT '' NOT NULL,
	"service_type" integer DEFAULT 0 NOT NULL,
	"init_complete" boolean DEFAULT true NOT NULL,
	"categories" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"func_info" integer[] DEFAULT '{}'::integer[] NOT NULL,
	"authorized" boolean DEFAULT true NOT NULL,
	"refresh_token" text,
	"auth_time" timestamp with time zone DEFAULT now() NOT NULL,
	"state" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sandbox_codes" (
	"code" text PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"component_appid" text NOT NULL,
	"authorizer_appid" text,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sandbox_counters" (
	"path" text NOT NULL,
	"errcode" integer DEFAULT 0 NOT NULL,
	"count" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "sandbox_counters_path_errcode_pk" PRIMARY KEY("path","errcode")
);
--> statement-breakpoint
CREATE TABLE "sandbox_drafts" (
	"draft_id" serial PRIMARY KEY NOT NULL,
	"component_appid" text NOT NULL,
	"user_version" text NOT NULL,
	"user_desc" text DEFAULT '' NOT NULL,
	"source_miniprogram_appid" text NOT NULL,
	"source_miniprogram" text NOT NULL,
	"developer" text NOT NULL,
	"pages" text[] DEFAULT '{}'::text[] NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sandbox_faults" (
	"id" serial PRIMARY KEY NOT NULL,
	"path_pattern" text NOT NULL,
	"errcode" integer,
	"http_status" integer,
	"timeout_ms" integer,
	"probability" real DEFAULT 1 NOT NULL,
	"remaining" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sandbox_platforms" (
	"component_appid" text PRIMARY KEY NOT NULL,
	"component_appsecret" text NOT NULL,
	"token" text NOT NULL,
	"encoding_aes_key" text NOT NULL,
	"name" text DEFAULT 'Sandbox platform' NOT NULL,
	"verify_ticket" text,
	"verify_ticket_at" timestamp with time zone,
	"callback_base" text,
	"quota_month" text DEFAULT '' NOT NULL,
	"audit_quota_limit" integer DEFAULT 20 NOT NULL,
	"audit_quota_used" integer DEFAULT 0 NOT NULL,
	"speedup_quota_limit" integer DEFAULT 10 NOT NULL,
	"speedup_quota_used" integer DEFAULT 0 NOT NULL,
	"clear_quota_used" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sandbox_pushes" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"component_appid" text NOT NULL,
	"kind" text NOT NULL,
	"url" text NOT NULL,
	"body" text NOT NULL,
	"plaintext" text NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"last_error" text,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sandbox_settings" (
	"key" text PRIMARY KEY NOT NULL,
	"value" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sandbox_templates" (
	"template_id" serial PRIMARY KEY NOT NULL,
	"component_appid" text NOT NULL,
	"draft_id" integer NOT NULL,
	"template_type" integer DEFAULT 0 NOT NULL,
	"user_version" text NOT NULL,
	"user_desc" text DEFAULT '' NOT NULL,
	"source_miniprogram_appid" text NOT NULL,
	"source_miniprogram" text NOT NULL,
	"developer" text NOT NULL,
	"pages" text[] DEFAULT '{}'::text[] NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sandbox_tokens" (
	"token" text PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"component_appid" text NOT NULL,
	"authorizer_appid" text,
	"expires_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "sandbox_authorizers" ADD CONSTRAINT "sandbox_authorizers_component_appid_sandbox_platforms_component_appid_fk" FOREIGN KEY ("component_appid") REFERENCES "public"."sandbox_platforms"("component_appid") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "sandbox_audits_appid_idx" ON "sandbox_audits" USING btree ("appid","auditid");--> statement-breakpoint
CREATE INDEX "sandbox_authorizers_component_idx" ON "sandbox_authorizers" USING btree ("component_appid","auth_time");--> statement-breakpoint
CREATE INDEX "sandbox_pushes_pending_idx" ON "sandbox_pushes" USING btree ("status","next_attempt_at");--> statement-breakpoint
CREATE INDEX "sandbox_tokens_owner_idx" ON "sandbox_tokens" USING btree ("component_appid","authorizer_appid");