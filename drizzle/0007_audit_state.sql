CREATE TYPE "public"."audit_state" AS ENUM('none', 'auditing', 'approved', 'rejected', 'withdrawn', 'delayed');--> statement-breakpoint
ALTER TABLE "tenant_audits" RENAME COLUMN "status" TO "state";--> statement-breakpoint
-- Rows written before this migration hold WeChat's get_auditstatus numbers; they become the console's words.
-- The index on the column is rebuilt by the type change, then takes the column's new name.
ALTER TABLE "tenant_audits" ALTER COLUMN "state" SET DATA TYPE "public"."audit_state" USING (
	CASE "state"
		WHEN 0 THEN 'approved'
		WHEN 1 THEN 'rejected'
		WHEN 2 THEN 'auditing'
		WHEN 3 THEN 'withdrawn'
		WHEN 4 THEN 'delayed'
	END
)::"public"."audit_state";--> statement-breakpoint
ALTER INDEX "tenant_audits_status_idx" RENAME TO "tenant_audits_state_idx";
