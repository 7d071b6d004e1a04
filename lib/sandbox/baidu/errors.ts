/**
 * How the emulated Baidu platform refuses. Smart-program APIs answer `{errno, msg}` (HTTP 200); the OAuth token
 * endpoint answers `{error, error_description}`. Pure.
 *
 * The seed documents 40001 (参数错误) only, and the reference adds 50032 (no authorization relationship) for the
 * code recovery. 110/111 are Baidu OpenAPI's general token codes (invalid / expired access token), not in the seed.
 * Every other errno below is an EMULATOR CHOICE for a state the documents imply but give no number for; the
 * Baidu client keys on them only through its catalog.
 */
export const BAIDU_ERRNO = {
  invalidParam: [40001, "参数错误"],
  noAuthorization: [50032, "没有授权关系"],
  // Baidu OpenAPI general codes (not in the seed).
  invalidToken: [110, "access token invalid or no longer valid"],
  expiredToken: [111, "access token expired"],
  // Emulator choices (undocumented numbers).
  packageNotFound: [60001, "package not found"],
  packageState: [60002, "package status does not allow this operation"],
  basicInfoNotApproved: [60003, "app basic information has not been approved"],
  principalNotVerified: [60004, "principal authenticity verification has not passed"],
  auditQuotaExhausted: [60005, "audit quota exhausted"],
  uploadNotReady: [60006, "package upload is in progress or has failed"],
  noRollbackTarget: [60007, "no previous online package to roll back to"],
  templateNotFound: [60008, "template not found"],
  draftNotFound: [60009, "draft not found"],
  auditInProgress: [60010, "another package is under audit"],
  invalidTicket: [60011, "client_id or ticket invalid"],
  rollingBack: [60012, "the online package is rolling back"],
  unknownApi: [60404, "unknown api"],
  methodNotAllowed: [60405, "request method not allowed"],
  systemError: [-1, "system error"],
} as const satisfies Record<string, readonly [number, string]>;

export type BaiduErrnoName = keyof typeof BAIDU_ERRNO;

/** A refusal in the `{errno, msg}` envelope; thrown by handlers, rendered by the router. */
export class BaiduSandboxError extends Error {
  constructor(
    readonly errno: number,
    readonly msg: string,
  ) {
    super(`${errno} ${msg}`);
    this.name = "BaiduSandboxError";
  }
}

/** Throws the named refusal; `detail` is appended to the message (which field, which state). */
export function baiduFail(name: BaiduErrnoName, detail?: string): never {
  const [errno, msg] = BAIDU_ERRNO[name];
  throw new BaiduSandboxError(errno, detail ? `${msg}: ${detail}` : msg);
}

/**
 * OAuth refusal (RFC 6749 §5.2 names). Emulator choice: HTTP 400 for all of them; the body carries the meaning.
 * invalid_request (a parameter missing), invalid_client (TP token missing, unknown or expired), invalid_grant (code or
 * refresh token unknown, expired, already used or revoked), unsupported_grant_type.
 */
export class BaiduOAuthError extends Error {
  constructor(
    readonly error: "invalid_request" | "invalid_client" | "invalid_grant" | "unsupported_grant_type",
    readonly description: string,
  ) {
    super(`${error}: ${description}`);
    this.name = "BaiduOAuthError";
  }
}

export const baiduJson = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json; charset=utf-8" } });

export const baiduErrorBody = (errno: number, msg: string) => ({ errno, msg });
