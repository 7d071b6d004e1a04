CREATE TYPE "public"."operator_role" AS ENUM('viewer', 'operator', 'admin');--> statement-breakpoint
CREATE TYPE "public"."platform_kind" AS ENUM('wechat', 'baidu');--> statement-breakpoint
CREATE TYPE "public"."tenant_status" AS ENUM('authorized', 'needs_reauth', 'unauthorized');--> statement-breakpoint
CREATE TABLE "operations" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_id" uuid,
	"tenant_id" uuid,
	"action" text NOT NULL,
	"request" jsonb,
	"response" jsonb,
	"errcode" integer,
	"ok" boolean NOT NULL,
	"duration_ms" integer DEFAULT 0 NOT NULL,
	"bulk_job_id" uuid
);
--> statement-breakpoint
CREATE TABLE "operators" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"email" text NOT NULL,
	"name" text NOT NULL,
	"password_hash" text NOT NULL,
	"role" "operator_role" DEFAULT 'viewer' NOT NULL,
	"disabled" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "platform_accounts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"platform" "platform_kind" NOT NULL,
	"name" text NOT NULL,
	"app_id" text NOT NULL,
	"secret_enc" text NOT NULL,
	"token_enc" text,
	"aes_key_enc" text,
	"previous_aes_key_enc" text,
	"api_base" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sign_in_attempts" (
	"key" text PRIMARY KEY NOT NULL,
	"failures" integer DEFAULT 0 NOT NULL,
	"last_failure_at" timestamp with time zone DEFAULT now() NOT NULL,
	"locked_until" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "tenants" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_id" uuid NOT NULL,
	"appid" text NOT NULL,
	"nickname" text DEFAULT '' NOT NULL,
	"principal_name" text DEFAULT '' NOT NULL,
	"avatar_url" text,
	"status" "tenant_status" DEFAULT 'authorized' NOT NULL,
	"refresh_token_enc" text,
	"permission_sets" integer[] DEFAULT '{}'::integer[] NOT NULL,
	"tags" text[] DEFAULT '{}'::text[] NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "operations" ADD CONSTRAINT "operations_actor_id_operators_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."operators"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "operations" ADD CONSTRAINT "operations_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tenants" ADD CONSTRAINT "tenants_account_id_platform_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."platform_accounts"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "operations_tenant_at_idx" ON "operations" USING btree ("tenant_id","at");--> statement-breakpoint
CREATE INDEX "operations_at_idx" ON "operations" USING btree ("at");--> statement-breakpoint
CREATE UNIQUE INDEX "operators_email_key" ON "operators" USING btree ("email");--> statement-breakpoint
CREATE UNIQUE INDEX "platform_accounts_platform_app_id_key" ON "platform_accounts" USING btree ("platform","app_id");--> statement-breakpoint
CREATE UNIQUE INDEX "tenants_account_appid_key" ON "tenants" USING btree ("account_id","appid");--> statement-breakpoint
CREATE INDEX "tenants_status_idx" ON "tenants" USING btree ("status");--> statement-breakpoint
CREATE INDEX "tenants_tags_idx" ON "tenants" USING gin ("tags");