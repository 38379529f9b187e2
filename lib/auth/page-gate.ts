import { NextResponse, type NextRequest } from "next/server";
import { SESSION_COOKIE, userForSession } from "./sessions";
import { setupNeeded } from "./users";

const OPEN_PAGES = new Set(["/login", "/setup"]);

/**
 * Pages need a signed-in user. Without one a visitor goes to /setup on a fresh install (no account yet) or to
 * /login?next=… otherwise; /login and /setup send a visitor who needs the other one there.
 */
export async function gatePage(req: NextRequest): Promise<NextResponse | null> {
  const { pathname, search } = req.nextUrl;
  const user = await userForSession(req.cookies.get(SESSION_COOKIE)?.value);
  if (user) return OPEN_PAGES.has(pathname) ? redirect(req, "/") : null;
  const fresh = await setupNeeded();
  if (fresh) return pathname === "/setup" ? null : redirect(req, "/setup");
  if (pathname === "/login") return null;
  if (pathname === "/setup") return redirect(req, "/login");
  return redirect(req, `/login?next=${encodeURIComponent(pathname + search)}`);
}

function redirect(req: NextRequest, to: string): NextResponse {
  return NextResponse.redirect(new URL(to, req.url));
}
