DROP INDEX "operations_tenant_at_idx";--> statement-breakpoint
DROP INDEX "operations_at_idx";--> statement-breakpoint
CREATE INDEX "operations_at_id_idx" ON "operations" USING btree ("at","id");--> statement-breakpoint
CREATE INDEX "operations_tenant_at_id_idx" ON "operations" USING btree ("tenant_id","at","id");--> statement-breakpoint
CREATE INDEX "operations_actor_at_id_idx" ON "operations" USING btree ("actor_id","at","id");--> statement-breakpoint
CREATE INDEX "operations_action_at_id_idx" ON "operations" USING btree ("action","at","id");--> statement-breakpoint
CREATE INDEX "operations_errcode_at_id_idx" ON "operations" USING btree ("errcode","at","id");--> statement-breakpoint
CREATE INDEX "operations_failed_at_id_idx" ON "operations" USING btree ("at","id") WHERE not "operations"."ok";