import { parentPort, workerData } from "node:worker_threads";
import { cutDocuments, type CutRequest } from "./cut";

/** The segmentation thread: cuts the batches the import's main thread sends, one at a time, in order. */
const { tokenizer, maxParagraphTokens } = workerData as { tokenizer: string; maxParagraphTokens: number | null };
const bound = maxParagraphTokens ?? Infinity;
const port = parentPort!;
const message = (err: unknown) => (err instanceof Error ? err.message : String(err));
port.on("message", (req: CutRequest) => {
  cutDocuments(tokenizer, bound, req.texts).then(
    (nums) => port.postMessage({ id: req.id, nums }, [nums.buffer as ArrayBuffer]),
    (err: unknown) => port.postMessage({ id: req.id, error: message(err) }),
  );
});
// load the tokenizer before saying ready, so a bad tokenizer fails the import at its start
cutDocuments(tokenizer, bound, []).then(() => port.postMessage({ ready: true }), (err: unknown) => port.postMessage({ ready: false, error: message(err) }));
