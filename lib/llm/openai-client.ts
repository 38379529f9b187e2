import OpenAI from "openai";
import { assertUsable, BUILTIN_ENDPOINT, endpointClient, resolveEndpoint } from "@/lib/endpoints";
import { guardedFetch } from "@/lib/endpoints/safe-fetch";
import type { ChatClient, ChatRequest, ChatResponse } from "./types";

export interface OpenAiOptions {
  apiKey?: string;
  baseURL?: string;
  /** per-request timeout; a timeout counts as a transient failure and is retried by our own loop */
  timeoutMs?: number;
}

/**
 * The official SDK for the built-in "default" endpoint (OPENAI_API_KEY / OPENAI_BASE_URL) unless given explicitly.
 * Requests go through the guarded fetch (http(s) only; the operator's own URL may be local).
 */
export function openAiSdk(opts: OpenAiOptions = {}): OpenAI {
  const apiKey = opts.apiKey ?? process.env.OPENAI_API_KEY;
  if (!apiKey) throw new Error("OPENAI_API_KEY is not set: set it (and OPENAI_BASE_URL for a compatible server), name an endpoint, or use the offline provider");
  return new OpenAI({
    apiKey,
    baseURL: opts.baseURL ?? (process.env.OPENAI_BASE_URL || undefined),
    timeout: opts.timeoutMs ?? 60_000,
    // Retries are ours (lib/generate/call-with-retry.ts): they share the rate limiter's pause and count
    // toward the item's attempt limit, which the SDK's hidden retries would not.
    maxRetries: 0,
    fetch: guardedFetch(true),
  });
}

/**
 * The SDK for a named endpoint (lib/endpoints; omitted or "default": the environment's), key decrypted on the
 * server only, the URL policy enforced per request. The model must be one the endpoint lists (when it lists any).
 */
export async function endpointSdk(endpoint: string | undefined, model: string, opts: { timeoutMs?: number } = {}): Promise<OpenAI> {
  if (!endpoint || endpoint === BUILTIN_ENDPOINT) return openAiSdk(opts);
  const ep = await resolveEndpoint(endpoint);
  await assertUsable(ep, model);
  return endpointClient(ep, { timeoutMs: opts.timeoutMs, maxRetries: 0 });
}

/** The body of a chat completion request with structured output, shared by online calls and batch files. */
export function chatBody(req: Omit<ChatRequest, "signal" | "itemKey">) {
  return {
    model: req.model,
    messages: req.messages,
    max_completion_tokens: req.maxTokens,
    response_format: { type: "json_schema" as const, json_schema: { name: req.format.name, schema: req.format.schema, strict: true } },
  };
}

export function openAiChat(sdk: OpenAI): ChatClient {
  return {
    async complete(req: ChatRequest): Promise<ChatResponse> {
      // A child signal per request: the SDK never removes the abort listener it adds to the signal it is
      // given, so passing the job's long-lived signal would leak one listener per request.
      const child = new AbortController();
      const onAbort = () => child.abort();
      req.signal?.addEventListener("abort", onAbort, { once: true });
      try {
        const res = await sdk.chat.completions.create(chatBody(req), {
          signal: child.signal,
          headers: req.itemKey ? { "x-in2-item-key": req.itemKey } : undefined,
        });
        return fromCompletion(res);
      } finally {
        req.signal?.removeEventListener("abort", onAbort);
      }
    },
  };
}

/** Text and usage out of a chat completion body (an online response or one line of a batch output file). */
export function fromCompletion(res: OpenAI.Chat.Completions.ChatCompletion): ChatResponse {
  const choice = res.choices?.[0];
  const refusal = choice?.message?.refusal;
  return {
    content: refusal ? "" : (choice?.message?.content ?? ""),
    usage: { promptTokens: res.usage?.prompt_tokens ?? 0, completionTokens: res.usage?.completion_tokens ?? 0 },
    raw: res,
  };
}
