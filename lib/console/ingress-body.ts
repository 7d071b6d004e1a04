import "server-only";

/**
 * What every push receiver shares (WeChat's ./ingress.ts, Baidu's ./ingress-baidu.ts): reading a bounded UTF-8
 * body, the refusal type and the plain-text answer.
 */

// Real pushes are well under 4 KB; the limit only stops a client from making us buffer a huge body.
const MAX_BODY_BYTES = 64 * 1024;

/** An expected refusal: bad input, not a bug. The message is the answer (no secrets); `reason` goes to the log. */
export class Refused extends Error {
  constructor(
    message: string,
    readonly reason = message,
  ) {
    super(message);
  }
}

/** A plain-text answer, never cached. */
export const text = (body: string, status: number) =>
  new Response(body, { status, headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" } });

/** The request's body as UTF-8, refused when larger than 64 KiB (counted while streaming) or not UTF-8. */
export async function readBody(req: Request): Promise<string> {
  const declared = Number(req.headers.get("content-length") ?? "0");
  if (declared > MAX_BODY_BYTES) throw new Refused("body too large");
  const reader = req.body?.getReader();
  if (!reader) throw new Refused("empty body");
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    // Counted while streaming: a chunked body has no content-length to trust.
    if (total > MAX_BODY_BYTES) {
      await reader.cancel();
      throw new Refused("body too large");
    }
    chunks.push(value);
  }
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(Buffer.concat(chunks));
  } catch {
    throw new Refused("body is not UTF-8");
  }
}
