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
  /** Its API base is the WeChat emulator (…/sandbox/wechat): nothing done with it reaches WeChat. */
  sandbox: boolean;
  /** Pushes whose processing failed and that are not processed yet; null when there are none. */
  failedPushes: {
    count: number;
    /** The newest failure's error (redacted). */
    lastError: string | null;
    /** The earliest retry; null when every one has used its `maxAttempts`. */
    nextAttemptAt: string | null;
    maxAttempts: number;
  } | null;
};
