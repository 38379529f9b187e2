import { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from "openai";

/**
 * How a failed LLM call should be handled: `rate_limited` waits (Retry-After when the server gives one),
 * `transient` retries with backoff, `fatal` stops the whole job (a bad key fails every item the same
 * way, so retrying them one by one would only burn time), `aborted` means we stopped it ourselves.
 */
export type FailureKind = "rate_limited" | "transient" | "fatal" | "item" | "aborted";

export interface Classified {
  kind: FailureKind;
  message: string;
  /** server-requested wait before the next attempt, in ms */
  retryAfterMs?: number;
  status?: number;
}

export function classifyError(err: unknown): Classified {
  if (err instanceof APIUserAbortError || (err instanceof Error && err.name === "AbortError")) {
    return { kind: "aborted", message: "aborted" };
  }
  if (err instanceof APIConnectionTimeoutError) return { kind: "transient", message: "request timed out" };
  if (err instanceof APIConnectionError) return { kind: "transient", message: `connection error: ${err.message}` };
  if (err instanceof APIError) {
    const status = err.status ?? 0;
    const message = `HTTP ${status}: ${err.message}`;
    if (status === 429) return { kind: "rate_limited", message, status, retryAfterMs: retryAfterMs(err.headers) };
    if (status === 408 || status === 409 || status >= 500) return { kind: "transient", message, status, retryAfterMs: retryAfterMs(err.headers) };
    if (status === 401 || status === 403 || status === 404) return { kind: "fatal", message, status };
    return { kind: "item", message, status };
  }
  return { kind: "item", message: err instanceof Error ? err.message : String(err) };
}

/** Retry-After as seconds or an HTTP date; `retry-after-ms` (OpenAI's own) wins when present. */
export function retryAfterMs(headers: Headers | undefined): number | undefined {
  if (!headers) return undefined;
  const ms = Number(headers.get("retry-after-ms"));
  if (headers.get("retry-after-ms") && Number.isFinite(ms) && ms >= 0) return ms;
  const value = headers.get("retry-after");
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(value);
  return Number.isFinite(date) ? Math.max(0, date - Date.now()) : undefined;
}
