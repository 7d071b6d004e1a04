import "server-only";
import type { z } from "zod";
import type { WeChatRequest } from "@/lib/platforms/wechat/http";
import { parseAnswer, parseInput } from "@/lib/platforms/wechat/schemas/common";

/**
 * What an API family needs from the client: a way to send one endpoint call. The client (lib/platforms/wechat/client.ts)
 * supplies the base URL, the token (and its 40001 handling) and the history context, so a family module is only
 * the endpoint's method, path, parameters, retry rule and answer schema.
 */
export type Endpoint = Pick<WeChatRequest, "method" | "path" | "query" | "body" | "expect"> & {
  /** History action name, e.g. `wxa.commit`. */
  action: string;
  /** Default "transient"; commit and submit_audit say "never" (a lost answer may hide a success). */
  retry?: WeChatRequest["retry"];
};
export type Send = (endpoint: Endpoint) => Promise<unknown>;

/** The platform's own calls: `send` carries the component_access_token, `sendWithoutToken` nothing (secret-based). */
export type ComponentTransport = {
  componentAppid: string;
  /** Decrypted on demand only, for the two secret-based calls. */
  secret: () => string;
  send: Send;
  sendWithoutToken: Send;
};

/** One authorizer's calls: `send` carries its authorizer_access_token. */
export type AuthorizerTransport = { appid: string; send: Send };

/** Sends and parses the answer against the documented shape. */
export async function call<S extends z.ZodType>(send: Send, endpoint: Endpoint, answer: S): Promise<z.output<S>> {
  return parseAnswer(answer, await send(endpoint), endpoint.action);
}

/** Validates caller input against the documented limits, before anything is sent (throws ClientInputError). */
export const input = <S extends z.ZodType>(schema: S, value: unknown, action: string): z.output<S> => parseInput(schema, value, action);
