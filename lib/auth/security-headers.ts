/**
 * The Content-Security-Policy: scripts only from this origin and with this request's nonce (Next.js puts it
 * on its own inline scripts; 'strict-dynamic' lets those load their chunks). Corpus text can therefore never
 * run as script even if some view rendered it as HTML. Styles allow inline attributes (React style props,
 * charts), which cannot execute code.
 */
export function contentSecurityPolicy(nonce: string, dev: boolean): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

export const SECURITY_HEADERS: Record<string, string> = {
  "X-Content-Type-Options": "nosniff",
  "X-Frame-Options": "DENY",
  "Referrer-Policy": "same-origin",
  "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=()",
  "Cross-Origin-Opener-Policy": "same-origin",
};

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * CSRF: a state-changing request that carries the session cookie must come from a page of this site, told by
 * its Origin (or, failing that, Referer) header. Bearer-token requests carry no ambient credentials, so they
 * are exempt. SameSite=Lax cookies are the first line; this is the second.
 */
export function csrfProblem(method: string, headers: { get(n: string): string | null }, selfOrigin: string): string | null {
  if (SAFE_METHODS.has(method)) return null;
  if (/^Bearer\s/i.test(headers.get("authorization") ?? "")) return null;
  const origin = headers.get("origin") ?? refererOrigin(headers.get("referer"));
  if (!origin) return "a state-changing request needs an Origin header";
  if (origin !== selfOrigin) return `cross-site request from ${origin} refused`;
  return null;
}

function refererOrigin(referer: string | null): string | null {
  if (!referer) return null;
  try {
    return new URL(referer).origin;
  } catch {
    return null;
  }
}
