/** A platform account as the browser gets it: whether each secret is set, never the secret. */
export type AccountCardData = {
  id: string;
  name: string;
  appId: string;
  apiBase: string | null;
  /** Where calls go when apiBase is empty (WECHAT_API_BASE). */
  defaultApiBase: string;
  secretSet: boolean;
  tokenSet: boolean;
  aesKeySet: boolean;
  previousAesKeySet: boolean;
  verifyTicketAt: string | null;
  callbacks: { authEvents: string; messages: string };
  sandbox: boolean;
};
