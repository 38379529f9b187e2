import http from "node:http";
import type { AddressInfo } from "node:net";

/** What a scripted model does with one chat request: answer with text, or fail with an HTTP status. */
export type FakeAnswer = string | { status: number; message: string };

export interface ChatRequest { model: string; temperature?: number; max_tokens?: number; messages: { role: string; content: string }[] }

export interface FakeOpenAi {
  /** base URL for the openai SDK, ending in /v1 */
  url: string;
  requests: ChatRequest[];
  close(): Promise<void>;
}

/**
 * A minimal OpenAI-compatible server on 127.0.0.1 answering POST /v1/chat/completions with whatever the
 * test's script says for the prompt (the user message). Enough for the openai SDK's chat.completions.create.
 */
export async function startFakeOpenAi(script: (prompt: string, req: ChatRequest) => FakeAnswer): Promise<FakeOpenAi> {
  const requests: ChatRequest[] = [];
  const server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (d: Buffer) => { body += d; });
    req.on("end", () => {
      const send = (status: number, json: unknown) => {
        res.writeHead(status, { "content-type": "application/json" });
        res.end(JSON.stringify(json));
      };
      if (req.method !== "POST" || !req.url?.endsWith("/chat/completions")) return send(404, { error: { message: "not found" } });
      const chat = JSON.parse(body) as ChatRequest;
      requests.push(chat);
      const prompt = chat.messages.at(-1)?.content ?? "";
      const answer = script(prompt, chat);
      if (typeof answer !== "string") return send(answer.status, { error: { message: answer.message, type: "invalid_request_error" } });
      send(200, {
        id: `chatcmpl-${requests.length}`, object: "chat.completion", created: Math.floor(Date.now() / 1000), model: chat.model,
        choices: [{ index: 0, message: { role: "assistant", content: answer }, finish_reason: "stop" }],
        usage: { prompt_tokens: Math.ceil(prompt.length / 4), completion_tokens: Math.ceil(answer.length / 4), total_tokens: 0 },
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * A database-style oracle that reads the context itself (one JSON record per line): it finds the asked id,
 * and answers with the record's label when `correctAt(position, itemCount)` holds, else with a wrong guess.
 */
export function databaseOracle(correctAt: (position: number, itemCount: number) => boolean) {
  return (prompt: string): string => {
    const id = /whose id is "([^"]+)"/.exec(prompt)?.[1];
    const lines = prompt.split("\n").filter((l) => l.startsWith("{"));
    const position = lines.findIndex((l) => l.includes(`"id":"${id}"`));
    const rec = position >= 0 ? (JSON.parse(lines[position]!) as { label: string; description: string }) : null;
    return rec && correctAt(position, lines.length) ? `The label is ${rec.label} and the description is ${rec.description}.` : "I could not find it.";
  };
}
