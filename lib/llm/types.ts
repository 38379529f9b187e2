/**
 * The provider abstraction: a chat request that must come back as one JSON object matching a schema.
 * The `openai` provider speaks to any OpenAI-compatible server; the `offline` generator (lib/generate)
 * produces the same shape without a network.
 */
export interface ChatMessage { role: "system" | "user"; content: string }

export interface JsonSchemaFormat {
  name: string;
  schema: Record<string, unknown>;
}

export interface ChatRequest {
  model: string;
  messages: ChatMessage[];
  format: JsonSchemaFormat;
  maxTokens: number;
  /** forwarded as a header so server logs (and the test server) can tell items apart */
  itemKey?: string;
  signal?: AbortSignal;
}

export interface Usage { promptTokens: number; completionTokens: number }

export interface ChatResponse {
  /** the assistant message text (expected to be JSON) */
  content: string;
  usage: Usage;
  /** the whole response body, stored with the pair */
  raw: unknown;
}

export interface ChatClient {
  complete(req: ChatRequest): Promise<ChatResponse>;
}

export type ProviderName = "openai" | "offline";
export const PROVIDERS: readonly ProviderName[] = ["openai", "offline"];
