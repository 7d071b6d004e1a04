import "server-only";

// Placeholder so that routes reach the re-pull through lib/console (the import rules); the re-pull itself moves
// here from lib/platforms/wechat/tokens.ts in the same issue (helper P), which replaces this file.
export { repullRefreshTokens } from "@/lib/platforms/wechat/tokens";
