/**
 * The address a request came from, as far as this server can know it.
 *
 * `in2 serve` runs Next behind a tiny HTTP front (bin/next-server.mjs) that overwrites PEER_HEADER with the
 * socket's address on every request, beside a per-process secret (IN2_PEER_SECRET) that tells its stamp from a
 * header a client sent, so a client cannot choose it. X-Forwarded-For is written by the client
 * (Next keeps a client's header as it is), so it counts only when TRUST_PROXY says how many proxies in front of
 * this server append to it: with N hops, the client is the N-th address from the right.
 */
export const PEER_HEADER = "x-in2-peer";

export interface HeaderSource { get(name: string): string | null }

export function trustedProxyHops(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.TRUST_PROXY?.trim();
  if (!raw || raw === "false" || raw === "0") return 0;
  if (raw === "true") return 1;
  const n = Number(raw);
  return Number.isInteger(n) && n > 0 && n < 32 ? n : 0;
}

export function clientIp(headers: HeaderSource, env: NodeJS.ProcessEnv = process.env): string {
  const hops = trustedProxyHops(env);
  if (hops > 0) {
    const chain = (headers.get("x-forwarded-for") ?? "").split(",").map((s) => s.trim()).filter(Boolean);
    const picked = chain[Math.max(0, chain.length - hops)];
    if (picked) return normalise(picked);
  }
  const secret = env.IN2_PEER_SECRET;
  const stamped = !!secret && headers.get(`${PEER_HEADER}-secret`) === secret;
  const peer = stamped ? headers.get(PEER_HEADER)?.trim() : undefined;
  // Without the front (e.g. `next dev`) every caller shares one bucket rather than picking its own.
  return peer ? normalise(peer) : "unknown";
}

function normalise(ip: string): string {
  const v = ip.slice(0, 64).toLowerCase();
  return v.startsWith("::ffff:") && v.includes(".") ? v.slice(7) : v;
}
