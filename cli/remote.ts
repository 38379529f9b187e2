import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import readline from "node:readline";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { UsageError } from "./errors";
import { followJob } from "./follow";
import { progress } from "./output";

/**
 * The CLI against a remote IN2 Studio: IN2_URL names the server, IN2_TOKEN is an API token from its Settings
 * page (sent as `Authorization: Bearer …`). Every command's remote path calls the same REST routes the app uses.
 * A 400 from the server is a usage error (exit 2), like the same mistake made locally.
 */
export interface Remote {
  url: string;
  get<T>(p: string, query?: Query): Promise<T>;
  post<T>(p: string, body?: unknown, query?: Query): Promise<T>;
  patch<T>(p: string, body: unknown): Promise<T>;
  del<T>(p: string): Promise<T>;
  upload(file: string): Promise<{ id: string; name: string; bytes: number }>;
  /** streams a response body into `file` (through a temporary file, renamed when complete) */
  download(p: string, file: string, query?: Query): Promise<{ bytes: number; sha256: string }>;
  /** the JSON Lines of a streamed response, one parsed object at a time */
  lines<T>(p: string, query?: Query): AsyncGenerator<T>;
}

export type Query = Record<string, string | number | boolean | undefined>;

export function withQuery(p: string, query: Query = {}): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined) q.set(k, String(v));
  const s = q.toString();
  return s ? `${p}?${s}` : p;
}

export function remoteFromEnv(env: Record<string, string | undefined> = process.env): Remote | undefined {
  const url = env.IN2_URL?.replace(/\/+$/, "");
  if (!url) return undefined;
  const token = env.IN2_TOKEN;
  if (!token) throw new Error("IN2_URL is set but IN2_TOKEN is not: create an API token on the server's Settings page");
  const headers = { authorization: `Bearer ${token}` };

  const send = async (p: string, init: RequestInit & { duplex?: "half" }): Promise<Response> => {
    let res: Response | undefined;
    // a GET is safe to repeat: a dropped keep-alive connection or a brief network hiccup must not end a long --wait
    const attempts = init.method === "GET" ? 4 : 1;
    for (let attempt = 1; !res; attempt++) {
      try {
        res = await fetch(`${url}${p}`, { ...init, headers: { ...headers, ...init.headers } });
      } catch (err) {
        if (attempt >= attempts) throw new Error(`cannot reach ${url}: ${(err as Error).message}`);
        await new Promise((r) => setTimeout(r, 500 * 2 ** (attempt - 1)));
      }
    }
    if (res.ok) return res;
    const text = await res.text();
    let body: { error?: { message?: string } } = {};
    try { body = text ? JSON.parse(text) : {}; } catch { /* not JSON */ }
    const message = `${url}${p.split("?")[0]} answered ${res.status}: ${body.error?.message ?? text.slice(0, 200)}`;
    throw res.status === 400 ? new UsageError(message) : new Error(message);
  };
  const json = async <T>(p: string, init: RequestInit & { duplex?: "half" }): Promise<T> => {
    const text = await (await send(p, init)).text();
    return (text ? JSON.parse(text) : {}) as T;
  };

  return {
    url,
    get: (p, query) => json(withQuery(p, query), { method: "GET" }),
    post: (p, body, query) => json(withQuery(p, query), body === undefined
      ? { method: "POST" }
      : { method: "POST", body: JSON.stringify(body), headers: { "content-type": "application/json" } }),
    patch: (p, body) => json(p, { method: "PATCH", body: JSON.stringify(body), headers: { "content-type": "application/json" } }),
    del: (p) => json(p, { method: "DELETE" }),
    upload: (file) => json(`/api/uploads?name=${encodeURIComponent(path.basename(file))}`, {
      method: "POST", duplex: "half", body: Readable.toWeb(fs.createReadStream(file)) as ReadableStream,
    }),
    async download(p, file, query) {
      const res = await send(withQuery(p, query), { method: "GET" });
      if (!res.body) throw new Error(`${url}${p} sent no body`);
      const tmp = `${file}.part-${process.pid}`;
      const hash = crypto.createHash("sha256");
      let bytes = 0;
      const counted = Readable.fromWeb(res.body as import("node:stream/web").ReadableStream).on("data", (chunk: Buffer) => {
        hash.update(chunk);
        bytes += chunk.length;
      });
      try {
        await pipeline(counted, fs.createWriteStream(tmp));
        await fs.promises.rename(tmp, file);
      } catch (err) {
        await fs.promises.rm(tmp, { force: true });
        throw err;
      }
      return { bytes, sha256: hash.digest("hex") };
    },
    async *lines<T>(p: string, query?: Query): AsyncGenerator<T> {
      const res = await send(withQuery(p, query), { method: "GET" });
      if (!res.body) return;
      const rl = readline.createInterface({ input: Readable.fromWeb(res.body as import("node:stream/web").ReadableStream), crlfDelay: Infinity });
      for await (const line of rl) if (line) yield JSON.parse(line) as T;
    },
  };
}

/** A corpus name (as the CLI takes it) → its id (as the API takes it). */
export async function remoteCorpusId(remote: Remote, name: unknown): Promise<number | undefined> {
  if (typeof name !== "string") return undefined;
  const { corpora } = await remote.get<{ corpora: { id: number; name: string }[] }>("/api/corpora");
  const found = corpora.find((c) => c.name === name);
  if (!found) throw new Error(`corpus "${name}" does not exist on ${remote.url}`);
  return found.id;
}

export interface RemoteJob {
  id: number; kind: string; status: string; done: number; total: number; failed: number; error: string | null;
  message: string | null; result: unknown; counters: Record<string, unknown>;
}

/** Follows a job on the server until it ends, with a progress line on stderr every second. */
export async function followRemoteJob(remote: Remote, id: number, label?: (j: RemoteJob) => string): Promise<RemoteJob> {
  return followJob((jobId) => remote.get<RemoteJob>(`/api/jobs/${jobId}`), id, label, progress);
}
