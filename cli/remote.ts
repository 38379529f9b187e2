import fs from "node:fs";
import path from "node:path";
import { Readable } from "node:stream";
import { progress } from "./command";

/**
 * The CLI against a remote IN2 Studio: IN2_URL names the server, IN2_TOKEN is an API token from its Settings
 * page (sent as `Authorization: Bearer …`). Commands that support it talk to the REST API instead of the database.
 */
export interface Remote {
  url: string;
  get<T>(p: string): Promise<T>;
  post<T>(p: string, body: unknown): Promise<T>;
  upload(file: string): Promise<{ id: string; name: string; bytes: number }>;
}

export function remoteFromEnv(): Remote | undefined {
  const url = process.env.IN2_URL?.replace(/\/+$/, "");
  if (!url) return undefined;
  const token = process.env.IN2_TOKEN;
  if (!token) throw new Error("IN2_URL is set but IN2_TOKEN is not: create an API token on the server's Settings page");
  const headers = { authorization: `Bearer ${token}` };
  const call = async <T>(p: string, init: RequestInit & { duplex?: "half" }): Promise<T> => {
    let res: Response;
    try {
      res = await fetch(`${url}${p}`, { ...init, headers: { ...headers, ...init.headers } });
    } catch (err) {
      throw new Error(`cannot reach ${url}: ${(err as Error).message}`);
    }
    const text = await res.text();
    let body: { error?: { message?: string } } & Record<string, unknown> = {};
    try { body = text ? JSON.parse(text) : {}; } catch { /* not JSON */ }
    if (!res.ok) throw new Error(`${url}${p} answered ${res.status}: ${body.error?.message ?? text.slice(0, 200)}`);
    return body as T;
  };
  return {
    url,
    get: (p) => call(p, { method: "GET" }),
    post: (p, body) => call(p, { method: "POST", body: JSON.stringify(body), headers: { "content-type": "application/json" } }),
    upload: (file) => call(`/api/uploads?name=${encodeURIComponent(path.basename(file))}`, {
      method: "POST", duplex: "half", body: Readable.toWeb(fs.createReadStream(file)) as ReadableStream,
    }),
  };
}

interface RemoteJob { id: number; status: string; done: number; total: number; error: string | null; result: unknown }

/** Follows a job on the server until it ends, with a progress line every second. */
export async function followRemoteJob(remote: Remote, id: number, label: (j: RemoteJob) => string): Promise<RemoteJob> {
  for (;;) {
    const job = await remote.get<RemoteJob>(`/api/jobs/${id}`);
    progress(label(job));
    if (!["queued", "running", "cancelling"].includes(job.status)) return job;
    await new Promise((r) => setTimeout(r, 1000));
  }
}
