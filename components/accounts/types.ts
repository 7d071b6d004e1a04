// Made on the server (lib/console/account-cards.ts); the browser gets only the type.
export type { AccountCardData } from "@/lib/console/account-cards";
