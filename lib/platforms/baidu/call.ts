import "server-only";
import type { z } from "zod";
import { BaiduAnswerError, BaiduInputError } from "./baidu-error";
import { baiduActionOf, type BaiduEndpoint, type BaiduTokenKind } from "./endpoints";
import type { BaiduRequest } from "./http";

/**
 * One endpoint of the tables (./endpoints.ts) called: the input checked against its documented limits before any
 * token is fetched (BaiduInputError), the request built, sent by the caller's `send` (which adds the base, the
 * token and the history context), the answer's `data` (or the bare OAuth answer) parsed (BaiduAnswerError).
 */

export type EndpointRequest = Pick<BaiduRequest, "method" | "path" | "params" | "expect" | "retry"> & { action: string };
export type Send = (token: BaiduTokenKind, request: EndpointRequest) => Promise<unknown>;

type InputOf<D> = D extends { input: infer S extends z.ZodType } ? z.input<S> : undefined;
export type AnswerOf<D> = D extends { oauth: infer S extends z.ZodType } ? z.output<S> : D extends { data: infer S extends z.ZodType } ? z.output<S> : unknown;
type ArgsOf<D> = D extends { input: infer S extends z.ZodType } ? (object extends z.input<S> ? [value?: z.input<S>] : [value: z.input<S>]) : [];

/** A client's methods, one per table entry, named as in the table. */
export type Methods<T> = { [K in keyof T]: (...args: ArgsOf<T[K]>) => Promise<AnswerOf<T[K]>> };

function parsed<S extends z.ZodType>(schema: S, value: unknown, action: string, fail: (issues: z.core.$ZodIssue[]) => Error): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw fail(result.error.issues);
  return result.data;
}

export async function invoke<D extends BaiduEndpoint>(def: D, value: InputOf<D>, send: Send, defaultToken: BaiduTokenKind): Promise<AnswerOf<D>> {
  const action = baiduActionOf(def.path, def.variant);
  const input = def.input ? (parsed(def.input, value ?? {}, action, (issues) => new BaiduInputError(action, issues)) as Record<string, string | number | undefined>) : {};
  const request: EndpointRequest = {
    method: def.method,
    path: def.path,
    action,
    params: { ...input, ...def.fixed },
    expect: def.oauth ? "oauth" : "envelope",
    retry: def.retry ?? "transient",
  };
  const answer = await send(def.token ?? defaultToken, request);
  const schema = def.oauth ?? def.data;
  return (schema ? parsed(schema, answer, action, (issues) => new BaiduAnswerError(action, issues)) : answer) as AnswerOf<D>;
}

/** The methods of a table for one caller (a platform account, or one smart program). */
export function methodsOf<T extends Record<string, BaiduEndpoint>>(table: T, send: Send, defaultToken: BaiduTokenKind): Methods<T> {
  const methods: Record<string, (value?: unknown) => Promise<unknown>> = {};
  for (const [name, def] of Object.entries(table)) methods[name] = (value) => invoke(def, value as never, send, defaultToken);
  return methods as Methods<T>;
}
