/**
 * A JSON Lines response pulled from an async iterator one row at a time, so a dump of millions of rows costs the
 * server one keyset page of memory, and a client that stops reading stops the query loop.
 */
export function ndjsonResponse(rows: AsyncGenerator<unknown>, filename: string): Response {
  const enc = new TextEncoder();
  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      // a few rows per pull: one enqueue per row would make a 10 GB dump mostly call overhead
      let chunk = "";
      for (let i = 0; i < 100; i++) {
        const next = await rows.next();
        if (next.done) {
          if (chunk) controller.enqueue(enc.encode(chunk));
          controller.close();
          return;
        }
        chunk += `${JSON.stringify(next.value)}\n`;
      }
      controller.enqueue(enc.encode(chunk));
    },
    async cancel() {
      await rows.return(undefined);
    },
  });
  return new Response(stream, {
    headers: {
      "content-type": "application/x-ndjson; charset=utf-8",
      "content-disposition": `attachment; filename="${filename}"`,
      "cache-control": "private, no-store",
    },
  });
}
