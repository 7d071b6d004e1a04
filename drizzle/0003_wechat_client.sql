CREATE TABLE "inbound_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"account_id" uuid NOT NULL,
	"authorizer_appid" text,
	"kind" text NOT NULL,
	"msg_signature" text NOT NULL,
	"nonce" text NOT NULL,
	"timestamp" integer NOT NULL,
	"raw_body" text NOT NULL,
	"payload" jsonb NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"processed_at" timestamp with time zone,
	"error" text
);
--> statement-breakpoint
CREATE TABLE "tenant_audits" (
	"tenant_id" uuid NOT NULL,
	"auditid" bigint NOT NULL,
	"status" integer NOT NULL,
	"reason" text,
	"screenshots" text[] DEFAULT '{}'::text[] NOT NULL,
	"user_version" text,
	"submitted_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "tenant_audits_tenant_id_auditid_pk" PRIMARY KEY("tenant_id","auditid")
);
--> statement-breakpoint
CREATE TABLE "wechat_tokens" (
	"key" text PRIMARY KEY NOT NULL,
	"account_id" uuid NOT NULL,
	"tenant_id" uuid,
	"token_enc" text NOT NULL,
	"token_hash" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"refreshed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "platform_accounts" ADD COLUMN "verify_ticket_enc" text;--> statement-breakpoint
ALTER TABLE "platform_accounts" ADD COLUMN "verify_ticket_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "tenants" ADD COLUMN "user_name" text;--> statement-breakpoint
ALTER TABLE "tenants" ADD COLUMN "service_type" integer;--> statement-breakpoint
ALTER TABLE "tenants" ADD COLUMN "authorized_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "inbound_events" ADD CONSTRAINT "inbound_events_account_id_platform_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."platform_accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tenant_audits" ADD CONSTRAINT "tenant_audits_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "wechat_tokens" ADD CONSTRAINT "wechat_tokens_account_id_platform_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."platform_accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "wechat_tokens" ADD CONSTRAINT "wechat_tokens_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "inbound_events_replay_key" ON "inbound_events" USING btree ("account_id","msg_signature","nonce");--> statement-breakpoint
CREATE INDEX "inbound_events_received_idx" ON "inbound_events" USING btree ("received_at");--> statement-breakpoint
CREATE INDEX "tenant_audits_status_idx" ON "tenant_audits" USING btree ("status");