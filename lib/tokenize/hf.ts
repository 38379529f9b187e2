import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { resolve } from "node:path";
import { MessageChannel, receiveMessageOnPort, Worker } from "node:worker_threads";
import type { Tokenizer } from "./types";

/*
 * Hugging Face tokenizer.json through the `tokenizers` npm package (the Rust core).
 *
 * Its encode() only exists as a Promise, while our Tokenizer is synchronous (segmentation and assembly count
 * inside tight loops). So the native tokenizer lives in a worker thread and the caller blocks on Atomics.wait
 * until the worker has answered on a MessagePort, then takes the answer with receiveMessageOnPort.
 */

/** Generous: one call tokenizes at most a document; a stuck worker must not hang the caller forever. */
const CALL_TIMEOUT_MS = 60_000;

// CommonJS source for the worker; it gets everything through workerData so it needs no file of its own.
const WORKER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const { signal, port, modulePath, file } = workerData;
const flag = new Int32Array(signal);
let tokenizer;
try {
  tokenizer = require(modulePath).Tokenizer.fromFile(file);
  parentPort.postMessage({ ready: true });
} catch (error) {
  parentPort.postMessage({ error: String((error && error.message) || error) });
}
parentPort.on("message", async ({ text, countOnly }) => {
  let reply;
  try {
    const encoding = await tokenizer.encode(text, undefined, { addSpecialTokens: false });
    reply = countOnly ? { count: encoding.getLength() } : { ids: encoding.getIds() };
  } catch (error) {
    reply = { error: String((error && error.message) || error) };
  }
  port.postMessage(reply);
  Atomics.store(flag, 0, 1);
  Atomics.notify(flag, 0);
});
`;

function field(message: unknown, key: string): unknown {
  return typeof message === "object" && message !== null && key in message
    ? (message as Record<string, unknown>)[key]
    : undefined;
}

function resolveBinding(): string {
  try {
    return createRequire(import.meta.url).resolve("tokenizers");
  } catch (error) {
    throw new Error(`The Hugging Face "tokenizers" package is not installed: ${String(error)}`);
  }
}

export async function loadHfTokenizer(name: string, path: string): Promise<Tokenizer> {
  const file = resolve(path);
  if (!existsSync(file)) throw new Error(`Tokenizer file not found: ${file} (from ${JSON.stringify(name)})`);
  const signal = new SharedArrayBuffer(4);
  const flag = new Int32Array(signal);
  const { port1, port2 } = new MessageChannel();
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: { signal, port: port2, modulePath: resolveBinding(), file },
    transferList: [port2],
  });
  const first = await new Promise<unknown>((ok, fail) => {
    worker.once("message", ok);
    worker.once("error", fail);
  });
  const loadError = field(first, "error");
  if (typeof loadError === "string") {
    await worker.terminate();
    throw new Error(
      `Could not load ${file} with the Hugging Face "tokenizers" native binding ` +
        `(${process.platform}-${process.arch}): ${loadError}`,
    );
  }
  worker.unref(); // an idle tokenizer must not keep the process alive
  port1.unref();

  const call = (text: string, countOnly: boolean): unknown => {
    Atomics.store(flag, 0, 0);
    worker.postMessage({ text, countOnly });
    if (Atomics.wait(flag, 0, 0, CALL_TIMEOUT_MS) === "timed-out") {
      throw new Error(`Tokenizer ${name}: no answer from its worker within ${CALL_TIMEOUT_MS} ms`);
    }
    const reply: unknown = receiveMessageOnPort(port1)?.message;
    const error = field(reply, "error");
    if (typeof error === "string") throw new Error(`Tokenizer ${name}: ${error}`);
    return reply;
  };

  return {
    name,
    encode(text) {
      const ids = field(call(text, false), "ids");
      if (Array.isArray(ids) && ids.every((id): id is number => typeof id === "number")) return ids;
      throw new Error(`Tokenizer ${name}: malformed reply`);
    },
    count(text) {
      const count = field(call(text, true), "count");
      if (typeof count !== "number") throw new Error(`Tokenizer ${name}: malformed reply`);
      return count;
    },
  };
}
