import { z } from "zod";
import { AUDIT_STATES } from "@/lib/vocab";

/** An audit state as stored (audit_state) and shown; what raw SQL answers and URLs carry is parsed with this. */
export const auditStateSchema = z.enum(AUDIT_STATES);
