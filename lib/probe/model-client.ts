import { endpointClient, type ResolvedEndpoint } from "@/lib/endpoints";

export interface ModelReply {
  text: string;
  promptTokens: number | null;
  completionTokens: number | null;
}

export interface ModelCall {
  model: string;
  temperature: number;
  maxTokens: number;
}

/**
 * A named model endpoint (lib/endpoints: admin-managed, or the environment's "default"), through the openai SDK
 * with the guarded fetch: the key goes only to the endpoint's own address, and only if the URL policy allows it.
 * Greedy decoding by default (temperature 0, at most 128 new tokens, as the paper).
 */
export function modelClient(ep: ResolvedEndpoint, call: ModelCall): (prompt: string, signal?: AbortSignal) => Promise<ModelReply> {
  const client = endpointClient(ep, { maxRetries: 2, timeoutMs: 10 * 60_000 });
  return async (prompt, signal) => {
    // A per-request signal: the SDK attaches listeners to the signal it gets, and thousands of requests
    // sharing the job's signal would pile them up on it.
    const request = new AbortController();
    const abort = () => request.abort();
    signal?.addEventListener("abort", abort, { once: true });
    let res;
    try {
      res = await client.chat.completions.create({
        model: call.model,
        messages: [{ role: "user", content: prompt }],
        temperature: call.temperature,
        max_tokens: call.maxTokens,
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
