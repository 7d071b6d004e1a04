/**
 * A web stream over an async generator of text (a CSV export): it pulls the next chunk only when the reader asks
 * for one, so the response's back-pressure sets the generator's (and its database cursor's) pace; a reader that
 * goes away ends the generator. Pure: no server-only import.
 */
export function textStream(chunks: AsyncGenerator<string>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream({
    async pull(controller) {
      const next = await chunks.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value));
    },
    async cancel() {
      await chunks.return(undefined);
    },
  });
}
