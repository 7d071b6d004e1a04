CREATE TABLE "sandbox_baidu_apps" (
	"app_id" bigint PRIMARY KEY NOT NULL,
	"client_id" text NOT NULL,
	"app_name" text NOT NULL,
	"app_key" text NOT NULL,
	"app_desc" text DEFAULT '' NOT NULL,
	"photo_addr" text DEFAULT '' NOT NULL,
	"status" integer DEFAULT 1 NOT NULL,
	"authorized" boolean DEFAULT true NOT NULL,
	"refresh_token" text,
	"auth_time" timestamp with time zone DEFAULT now() NOT NULL,
	"basic_info_approved" boolean DEFAULT true NOT NULL,
	"principal_verified" boolean DEFAULT true NOT NULL,
	"fail_uploads" boolean DEFAULT false NOT NULL,
	"audit_quota_limit" integer DEFAULT 10 NOT NULL,
	"audit_quota_used" integer DEFAULT 0 NOT NULL,
	"quota_month" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sandbox_baidu_codes" (
	"code" text PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"client_id" text NOT NULL,
	"app_id" bigint,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sandbox_baidu_drafts" (
	"draft_id" serial PRIMARY KEY NOT NULL,
	"client_id" text NOT NULL,
	"user_version" text NOT NULL,
	"user_desc" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sandbox_baidu_packages" (
	"package_id" bigserial PRIMARY KEY NOT NULL,
	"app_id" bigint NOT NULL,
	"template_id" integer NOT NULL,
	"version" text NOT NULL,
	"version_desc" text DEFAULT '' NOT NULL,
	"ext_json" text DEFAULT '{}' NOT NULL,
	"status" integer DEFAULT 3 NOT NULL,
	"ready_at" timestamp with time zone DEFAULT now() NOT NULL,
	"upload_fails" boolean DEFAULT false NOT NULL,
	"content" text DEFAULT '' NOT NULL,
	"remark" text DEFAULT '' NOT NULL,
	"msg" text DEFAULT '' NOT NULL,
	"committer" text DEFAULT '--' NOT NULL,
	"previous_package_id" bigint,
	"rollback_until" timestamp with time zone,
	"submitted_at" timestamp with time zone,
	"decided_at" timestamp with time zone,
	"released_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sandbox_baidu_platforms" (
	"client_id" text PRIMARY KEY NOT NULL,
	"tp_app_id" bigint NOT NULL,
	"name" text DEFAULT 'Sandbox Baidu platform' NOT NULL,
	"token" text NOT NULL,
	"encoding_aes_key" text NOT NULL,
	"ticket" text,
	"ticket_at" timestamp with time zone,
	"callback_base" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sandbox_baidu_platforms_tp_app_id_unique" UNIQUE("tp_app_id")
);
--> statement-breakpoint
CREATE TABLE "sandbox_baidu_templates" (
	"template_id" serial PRIMARY KEY NOT NULL,
	"client_id" text NOT NULL,
	"draft_id" integer NOT NULL,
	"user_version" text NOT NULL,
	"user_desc" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sandbox_baidu_tokens" (
	"token" text PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"client_id" text NOT NULL,
	"app_id" bigint,
	"expires_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "sandbox_baidu_apps" ADD CONSTRAINT "sandbox_baidu_apps_client_id_sandbox_baidu_platforms_client_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."sandbox_baidu_platforms"("client_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "sandbox_baidu_apps_client_idx" ON "sandbox_baidu_apps" USING btree ("client_id","auth_time");--> statement-breakpoint
CREATE UNIQUE INDEX "sandbox_baidu_apps_refresh_idx" ON "sandbox_baidu_apps" USING btree ("refresh_token");--> statement-breakpoint
CREATE INDEX "sandbox_baidu_packages_app_idx" ON "sandbox_baidu_packages" USING btree ("app_id","status");--> statement-breakpoint
CREATE INDEX "sandbox_baidu_tokens_owner_idx" ON "sandbox_baidu_tokens" USING btree ("client_id","app_id");