import { randomBytes } from "node:crypto";

/** An answer the platform gives as `{"errcode","errmsg"}`; thrown by handlers, rendered by the router. */
export class SandboxError extends Error {
  constructor(
    readonly errcode: number,
    readonly errmsg: string,
    readonly httpStatus = 200,
  ) {
    super(`${errcode} ${errmsg}`);
    this.name = "SandboxError";
  }
}

export const fail = (errcode: number, errmsg: string): never => {
  throw new SandboxError(errcode, errmsg);
};

/** Real errmsg strings end with ` rid: <8hex>-<8hex>-<8hex>`; clients must key on errcode, never errmsg. */
export const rid = () => [4, 4, 4].map((n) => randomBytes(n).toString("hex")).join("-");

export function errorBody(errcode: number, errmsg: string) {
  return { errcode, errmsg: `${errmsg} rid: ${rid()}` };
}

export const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json; charset=utf-8" } });

// Live errmsg texts (reference §7.1) for codes the router itself produces.
export const COMMON = {
  missingToken: [41001, "access_token missing"],
  invalidToken: [40001, "invalid credential, access_token is invalid or not latest"],
  malformedToken: [40014, "invalid access_token"],
  expiredToken: [42001, "access_token expired"],
  requireGet: [43001, "require GET method"],
  requirePost: [43002, "require POST method"],
  emptyBody: [44002, "empty post data"],
  badFormat: [47001, "data format error"],
  componentTokenRequired: [61014, "must use component token for component api"],
  notAuthorized: [61003, "component is not authorized by this account"],
  apiUnauthorized: [61007, "api is unauthorized to component"],
  systemError: [-1, "system error"],
} as const satisfies Record<string, readonly [number, string]>;

export const failWith = ([code, message]: readonly [number, string]): never => fail(code, message);
