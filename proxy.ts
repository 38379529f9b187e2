import { NextResponse, type NextRequest } from "next/server";
import { gatePage } from "@/lib/auth/page-gate";
import { contentSecurityPolicy, csrfProblem, SECURITY_HEADERS } from "@/lib/auth/security-headers";

/**
 * In front of every request: security headers and a per-request CSP nonce for pages, and the CSRF origin
 * check for state-changing API calls; pages need a signed-in user (lib/auth/page-gate.ts). Who may do what
 * through the API is decided by each route (lib/api/route.ts).
 */
export async function proxy(req: NextRequest) {
  const selfOrigin = `${req.headers.get("x-forwarded-proto") ?? req.nextUrl.protocol.replace(":", "")}://${req.headers.get("host") ?? req.nextUrl.host}`;
  if (req.nextUrl.pathname.startsWith("/api/")) {
    const problem = csrfProblem(req.method, req.headers, selfOrigin);
    if (problem) return NextResponse.json({ error: { code: "forbidden", message: problem } }, { status: 403, headers: SECURITY_HEADERS });
    const res = NextResponse.next();
    for (const [k, v] of Object.entries(SECURITY_HEADERS)) res.headers.set(k, v);
    res.headers.set("Cache-Control", "no-store");
    return res;
  }
  const gate = await gatePage(req);
  if (gate) {
    for (const [k, v] of Object.entries(SECURITY_HEADERS)) gate.headers.set(k, v);
    return gate;
  }
  const nonce = Buffer.from(crypto.randomUUID()).toString("base64");
  const csp = contentSecurityPolicy(nonce, process.env.NODE_ENV === "development");
  const requestHeaders = new Headers(req.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("Content-Security-Policy", csp);
  const res = NextResponse.next({ request: { headers: requestHeaders } });
  res.headers.set("Content-Security-Policy", csp);
  for (const [k, v] of Object.entries(SECURITY_HEADERS)) res.headers.set(k, v);
  return res;
}

export const config = {
  matcher: [{ source: "/((?!_next/static|_next/image|favicon.ico|icon.svg).*)" }],
};
