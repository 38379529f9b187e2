import { route } from "@/lib/api/route";
import { idParams } from "@/lib/api/schemas";
import { exportRecords } from "@/lib/probe/examples";
import { getProbeSet } from "@/lib/probe/sets";

/** The set as JSON Lines (`prompt`, `answer`, `style`, `position`, `set_id`, …), streamed page by page. */
export const GET = route({ role: "viewer", params: idParams }, async ({ params }) => {
  const set = await getProbeSet(params.id);
  const records = exportRecords(set);
  const enc = new TextEncoder();
  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await records.next();
      if (next.done) controller.close();
      else controller.enqueue(enc.encode(`${JSON.stringify(next.value)}\n`));
    },
  });
  const file = `probe-${set.id}-${set.style}.jsonl`;
  return new Response(stream, {
    headers: { "content-type": "application/x-ndjson; charset=utf-8", "content-disposition": `attachment; filename="${file}"` },
  });
});
