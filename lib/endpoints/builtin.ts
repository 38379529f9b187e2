import type { EndpointRow } from "./store";

/** The endpoint the environment defines (OPENAI_API_KEY / OPENAI_BASE_URL), named "default". */
export const BUILTIN_ENDPOINT = "default";

export interface BuiltinEndpoint { row: EndpointRow; apiKey: string | null }

export function builtinEndpoint(env: NodeJS.ProcessEnv = process.env): BuiltinEndpoint | null {
  const key = env.OPENAI_API_KEY || null;
  const base = env.OPENAI_BASE_URL || null;
  if (!key && !base) return null;
  return {
    apiKey: key,
    row: {
      id: null, name: BUILTIN_ENDPOINT, baseUrl: (base ?? "https://api.openai.com/v1").replace(/\/+$/, ""), models: [],
      keyLast4: key ? (key.length <= 8 ? "…" : key.slice(-4)) : null, hasKey: !!key,
      // set by whoever runs the server, not through the app: a local OPENAI_BASE_URL is the operator's choice
      allowPrivate: true, builtin: true, createdAt: null, updatedAt: null,
    },
  };
}
