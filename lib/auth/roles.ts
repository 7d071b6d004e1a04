import { ROLES, type Role } from "@/lib/vocab";

/** viewer reads; operator also acts on tenants; admin also manages operators and platform accounts. */
export const roleRank = (role: Role) => ROLES.indexOf(role);
export const hasRole = (actual: Role, required: Role) => roleRank(actual) >= roleRank(required);
