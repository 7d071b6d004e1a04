import "server-only";
import type { z } from "zod";
import type { BinaryAnswer, WeChatRequest } from "./http";
import { actionOf, type EndpointDef, type TokenKind } from "./endpoints";
import { parseAnswer, parseInput } from "./schemas/common";

/**
 * One endpoint of the table (./endpoints.ts) called: the input checked against its documented limits (before any
 * token is fetched: ClientInputError), the request built (query for GET, body for POST), sent by the caller's
 * `send` (which adds the base URL, the token and the history context), the answer parsed (WeChatAnswerError).
 */

/** What `send` gets: the request without base, token or history context. */
export type EndpointRequest = Pick<WeChatRequest, "method" | "path" | "query" | "body" | "multipart" | "expect" | "retry"> & { action: string };
export type Send = (token: TokenKind, request: EndpointRequest) => Promise<unknown>;

type InputOf<D> = D extends { input: infer S extends z.ZodType } ? z.input<S> : undefined;
export type AnswerOf<D> = D extends { answer: infer S extends z.ZodType } ? z.output<S> : BinaryAnswer;
/** No input: no argument; an input whose fields are all optional: an optional argument. */
type ArgsOf<D> = D extends { input: infer S extends z.ZodType } ? (object extends z.input<S> ? [value?: z.input<S>] : [value: z.input<S>]) : [];

/** A client's methods, one per table entry, named as in the table. */
export type Methods<T> = { [K in keyof T]: (...args: ArgsOf<T[K]>) => Promise<AnswerOf<T[K]>> };

export async function invoke<C, D extends EndpointDef<C>>(def: D, caller: C, value: InputOf<D>, send: Send, defaultToken: TokenKind): Promise<AnswerOf<D>> {
  const action = actionOf(def.path, def.variant);
  const input = def.input ? (parseInput(def.input, value ?? {}, action) as Record<string, unknown>) : {};
  const request: EndpointRequest = { method: def.method, path: def.path, action, retry: def.retry ?? "transient" };
  if (def.answer === "binary") request.expect = "binary";
  if (def.method === "GET") {
    const query = { ...def.variant, ...input } as Record<string, string | number | undefined>;
    if (Object.keys(query).length > 0) request.query = query;
  } else {
    request.body = { ...def.fields?.(caller), ...input };
    if (def.body === "multipart") request.multipart = true;
  }
  const answer = await send(def.token ?? defaultToken, request);
  return (def.answer === "binary" ? answer : parseAnswer(def.answer, answer, action)) as AnswerOf<D>;
}

/** The methods of a table for one caller (a platform account, or one tenant). */
export function methodsOf<C, T extends Record<string, EndpointDef<C>>>(table: T, caller: C, send: Send, defaultToken: TokenKind): Methods<T> {
  const methods: Record<string, (value?: unknown) => Promise<unknown>> = {};
  for (const [name, def] of Object.entries(table)) methods[name] = (value) => invoke(def, caller, value as never, send, defaultToken);
  return methods as Methods<T>;
}
