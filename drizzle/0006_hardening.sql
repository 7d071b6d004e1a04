CREATE TABLE "setup_codes" (
	"code_hash" text PRIMARY KEY NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "inbound_events" ADD COLUMN "attempts" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "inbound_events" ADD COLUMN "next_attempt_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "platform_accounts" ADD COLUMN "verify_ticket_created_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "inbound_events_retry_idx" ON "inbound_events" USING btree ("next_attempt_at") WHERE processed_at is null;--> statement-breakpoint
-- Pushes that failed before retries existed get retried too.
UPDATE "inbound_events" SET "next_attempt_at" = now() WHERE "processed_at" IS NULL AND "error" IS NOT NULL;