import OpenAI from "openai";

export interface ModelReply {
  text: string;
  promptTokens: number | null;
  completionTokens: number | null;
}

export interface ModelEndpoint {
  model: string;
  /** null: OPENAI_BASE_URL, else the SDK's default (api.openai.com) */
  baseUrl: string | null;
  temperature: number;
  maxTokens: number;
}

/**
 * Any OpenAI-compatible chat endpoint, through the openai SDK. Greedy decoding by default (temperature 0,
 * at most 128 new tokens, as the paper). The key comes from OPENAI_API_KEY; local servers ignore it, so a
 * placeholder lets them work without one.
 */
export function modelClient(ep: ModelEndpoint): (prompt: string, signal?: AbortSignal) => Promise<ModelReply> {
  const client = new OpenAI({
    apiKey: process.env.OPENAI_API_KEY || "not-needed",
    baseURL: ep.baseUrl ?? process.env.OPENAI_BASE_URL ?? undefined,
    maxRetries: 2,
    timeout: 10 * 60_000,
  });
  return async (prompt, signal) => {
    // A per-request signal: the SDK attaches listeners to the signal it gets, and thousands of requests
    // sharing the job's signal would pile them up on it.
    const request = new AbortController();
    const abort = () => request.abort();
    signal?.addEventListener("abort", abort, { once: true });
    let res;
    try {
      res = await client.chat.completions.create({
        model: ep.model,
        messages: [{ role: "user", content: prompt }],
        temperature: ep.temperature,
        max_tokens: ep.maxTokens,
      }, { signal: request.signal });
    } finally {
      signal?.removeEventListener("abort", abort);
    }
    return {
      text: res.choices[0]?.message?.content ?? "",
      promptTokens: res.usage?.prompt_tokens ?? null,
      completionTokens: res.usage?.completion_tokens ?? null,
    };
  };
}
