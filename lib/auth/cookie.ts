import { NextResponse, type NextRequest } from "next/server";
import { SESSION_COOKIE } from "./sessions";

/** httpOnly (no script can read it), SameSite=Lax (not sent on cross-site POSTs), Secure behind https. */
export function withSessionCookie(req: NextRequest, body: unknown, token: string, expires: Date): NextResponse {
  const res = NextResponse.json(body);
  res.cookies.set(SESSION_COOKIE, token, {
    httpOnly: true, sameSite: "lax", path: "/", expires,
    secure: req.nextUrl.protocol === "https:" || req.headers.get("x-forwarded-proto") === "https",
  });
  return res;
}

export function clearingSessionCookie(body: unknown): NextResponse {
  const res = NextResponse.json(body);
  res.cookies.set(SESSION_COOKIE, "", { httpOnly: true, sameSite: "lax", path: "/", maxAge: 0 });
  return res;
}
