import crypto from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A local OpenAI-compatible server for tests and benchmarks (127.0.0.1, random port): chat completions
 * with scripted latency, 429 + Retry-After, 5xx, hangs (client timeouts), malformed JSON and schema
 * violations, plus the Batch API's /v1/files, /v1/batches and /v1/files/{id}/content.
 */
export type FakeReply =
  | { kind: "ok"; content?: string }
  | { kind: "status"; status: number; retryAfter?: string }
  | { kind: "hang" }
  | { kind: "malformed" }
  | { kind: "violation" }
  | { kind: "refusal"; text?: string };

export interface SeenRequest { key: string; at: number; status: number; via: "online" | "batch"; /** the system prompt sent */ system?: string }

export interface FakeOpenAi {
  /** base URL for OPENAI_BASE_URL (ends in /v1) */
  url: string;
  requests: SeenRequest[];
  latencyMs: number;
  /** called per request with the item key and how many requests this key made before; undefined = a valid reply */
  script: (key: string, n: number) => FakeReply | undefined;
  /** how many GET /v1/batches/{id} polls a batch stays in progress */
  batchPolls: number;
  close(): Promise<void>;
}

interface ChatBody { model?: string; messages?: { role: string; content: string }[]; response_format?: { json_schema?: { name?: string } } }

export async function startFakeOpenAi(opts: Partial<Pick<FakeOpenAi, "latencyMs" | "script" | "batchPolls">> = {}): Promise<FakeOpenAi> {
  const files = new Map<string, string>();
  const batches = new Map<string, { obj: Record<string, unknown>; polls: number }>();
  const counts = new Map<string, number>();
  const fake: FakeOpenAi = {
    url: "", requests: [], latencyMs: opts.latencyMs ?? 0, script: opts.script ?? (() => undefined), batchPolls: opts.batchPolls ?? 1,
    close: async () => {},
  };
  const nextReply = (key: string) => {
    const n = counts.get(key) ?? 0;
    counts.set(key, n + 1);
    return fake.script(key, n) ?? { kind: "ok" as const };
  };

  const server = http.createServer(async (req, res) => {
    const body = await readBody(req);
    const url = req.url ?? "";
    const send = (status: number, json: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { "content-type": "application/json", ...headers });
      res.end(JSON.stringify(json));
    };
    if (req.method === "POST" && url.endsWith("/chat/completions")) {
      const chat = JSON.parse(body.toString("utf8")) as ChatBody;
      const key = String(req.headers["x-in2-item-key"] ?? "");
      const reply = nextReply(key);
      if (fake.latencyMs) await sleep(fake.latencyMs);
      if (reply.kind === "hang") return; // the client's timeout fires; close() destroys the socket
      const out = answer(chat, reply);
      fake.requests.push({ key, at: Date.now(), status: out.status, via: "online", system: chat.messages?.find((m) => m.role === "system")?.content });
      return send(out.status, out.json, out.headers);
    }
    if (req.method === "POST" && url.endsWith("/files")) {
      const id = `file-${crypto.randomBytes(6).toString("hex")}`;
      files.set(id, multipartFile(body, String(req.headers["content-type"] ?? "")));
      return send(200, { id, object: "file", bytes: files.get(id)!.length, created_at: now(), filename: "requests.jsonl", purpose: "batch", status: "processed" });
    }
    if (req.method === "POST" && url.endsWith("/batches")) {
      const b = JSON.parse(body.toString("utf8")) as { input_file_id: string; endpoint: string; completion_window: string; metadata?: unknown };
      const id = `batch_${crypto.randomBytes(6).toString("hex")}`;
      const lines = (files.get(b.input_file_id) ?? "").split("\n").filter(Boolean);
      batches.set(id, { polls: 0, obj: { id, object: "batch", endpoint: b.endpoint, input_file_id: b.input_file_id, completion_window: b.completion_window,
        status: "validating", created_at: now(), metadata: b.metadata ?? null, request_counts: { total: lines.length, completed: 0, failed: 0 } } });
      return send(200, batches.get(id)!.obj);
    }
    const batchGet = /\/batches\/([^/?]+)$/.exec(url);
    if (req.method === "GET" && batchGet) {
      const b = batches.get(batchGet[1]!);
      if (!b) return send(404, { error: { message: "no such batch", type: "invalid_request_error" } });
      if (b.obj.status !== "completed" && ++b.polls > fake.batchPolls) complete(b.obj);
      else if (b.obj.status === "validating") b.obj.status = "in_progress";
      return send(200, b.obj);
    }
    const content = /\/files\/([^/?]+)\/content$/.exec(url);
    if (req.method === "GET" && content && files.has(content[1]!)) {
      res.writeHead(200, { "content-type": "application/jsonl" });
      return res.end(files.get(content[1]!));
    }
    send(404, { error: { message: `fake server: no route ${req.method} ${url}`, type: "invalid_request_error" } });
  });

  function complete(obj: Record<string, unknown>): void {
    const lines = (files.get(String(obj.input_file_id)) ?? "").split("\n").filter(Boolean);
    const out: string[] = [];
    for (const line of lines) {
      const r = JSON.parse(line) as { custom_id: string; body: ChatBody };
      const reply = nextReply(r.custom_id);
      const a = answer(r.body, reply.kind === "hang" ? { kind: "status", status: 500 } : reply);
      fake.requests.push({ key: r.custom_id, at: Date.now(), status: a.status, via: "batch" });
      out.push(JSON.stringify({ id: `resp_${out.length}`, custom_id: r.custom_id, response: { status_code: a.status, request_id: "req", body: a.json }, error: null }));
    }
    const outId = `file-${crypto.randomBytes(6).toString("hex")}`;
    files.set(outId, out.join("\n") + "\n");
    Object.assign(obj, { status: "completed", output_file_id: outId, error_file_id: null, completed_at: now(),
      request_counts: { total: lines.length, completed: lines.length, failed: 0 } });
  }

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
  fake.close = () => new Promise((resolve) => { server.closeAllConnections(); server.close(() => resolve()); });
  return fake;
}

function answer(chat: ChatBody, reply: FakeReply): { status: number; json: unknown; headers?: Record<string, string> } {
  if (reply.kind === "status") {
    return { status: reply.status, json: { error: { message: `scripted ${reply.status}`, type: "server_error" } }, headers: reply.retryAfter ? { "retry-after": reply.retryAfter } : {} };
  }
  const user = chat.messages?.find((m) => m.role === "user")?.content ?? "";
  const multi = chat.response_format?.json_schema?.name === "multi_hop_qa_pair";
  let content: string;
  if (reply.kind === "malformed") content = `{"question": "What happened`;
  else if (reply.kind === "violation") content = JSON.stringify({ question: "What happened?", answer: "" });
  else content = (reply.kind === "ok" ? reply.content : undefined) ?? validReply(user, multi);
  const refusal = reply.kind === "refusal" ? reply.text ?? "I can't help with that." : null;
  if (refusal) content = "";
  const prompt = Math.ceil(JSON.stringify(chat.messages ?? []).length / 4);
  const completion = Math.ceil(content.length / 4);
  return { status: 200, json: {
    id: `chatcmpl-${crypto.randomBytes(4).toString("hex")}`, object: "chat.completion", created: now(), model: chat.model ?? "fake",
    choices: [{ index: 0, message: { role: "assistant", content: refusal ? null : content, refusal }, finish_reason: "stop", logprobs: null }],
    usage: { prompt_tokens: prompt, completion_tokens: completion, total_tokens: prompt + completion },
  } };
}

/** A schema-valid reply whose support quotes are real substrings of the prompt's text. */
function validReply(user: string, multi: boolean): string {
  const firstQuote = (t: string) => t.trim().split("\n")[0]!.slice(0, 80).trim() || t.slice(0, 20);
  if (!multi) return JSON.stringify({ question: "What event does the report about this city describe?", answer: "It describes a local event in some detail.", support: [firstQuote(user)] });
  const pieces = user.split(/^# Piece \d+\n/m).slice(1);
  return JSON.stringify({ question: "How do the two reported events relate to each other?", answer: "The first event led to the second one.",
    support: [firstQuote(pieces[0] ?? ""), firstQuote(pieces[1] ?? "")], pieces: [1, 2] });
}

function multipartFile(body: Buffer, contentType: string): string {
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/.exec(contentType);
  const text = body.toString("utf8");
  if (!boundary) return text;
  for (const part of text.split(`--${boundary[1] ?? boundary[2]}`)) {
    if (!/name="file"/.test(part)) continue;
    const start = part.indexOf("\r\n\r\n");
    return part.slice(start + 4).replace(/\r\n$/, "");
  }
  return "";
}

function readBody(req: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

const now = () => Math.floor(Date.now() / 1000);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
