import dns from "node:dns/promises";
import net from "node:net";

/**
 * Where the server may send requests to model endpoints. Only http(s). Loopback, private, link-local, CGNAT,
 * multicast and unspecified addresses are refused unless the endpoint allows private addresses (an admin's explicit
 * choice, for a local vLLM or Ollama); cloud metadata (link-local) is refused even then. Names are resolved and
 * every resolved address is checked; the connection itself re-checks the address it actually uses
 * (safe-fetch.ts), so a DNS answer that changes between check and connect gains nothing.
 */
const PRIVATE = new net.BlockList();
for (const [a, p] of [["0.0.0.0", 8], ["10.0.0.0", 8], ["100.64.0.0", 10], ["127.0.0.0", 8], ["172.16.0.0", 12],
  ["192.0.0.0", 24], ["192.168.0.0", 16], ["198.18.0.0", 15], ["224.0.0.0", 4], ["240.0.0.0", 4]] as const) {
  PRIVATE.addSubnet(a, p, "ipv4");
}
for (const [a, p] of [["::", 128], ["::1", 128], ["fc00::", 7], ["ff00::", 8], ["64:ff9b::", 96], ["2001:db8::", 32]] as const) {
  PRIVATE.addSubnet(a, p, "ipv6");
}
const ALWAYS = new net.BlockList();
ALWAYS.addSubnet("169.254.0.0", 16, "ipv4");
ALWAYS.addSubnet("fe80::", 10, "ipv6");

export class UrlPolicyError extends Error {}

/** The address as the BlockList should see it (IPv4-mapped IPv6 is the IPv4 address). */
function plain(ip: string): { ip: string; family: "ipv4" | "ipv6" } | null {
  const v = ip.replace(/^\[|\]$/g, "").toLowerCase();
  const mapped = v.match(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/);
  if (mapped) return { ip: mapped[1]!, family: "ipv4" };
  const hex = v.match(/^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/);
  if (hex) {
    const n = (parseInt(hex[1]!, 16) << 16 >>> 0) + parseInt(hex[2]!, 16);
    return { ip: [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join("."), family: "ipv4" };
  }
  const kind = net.isIP(v);
  return kind === 4 ? { ip: v, family: "ipv4" } : kind === 6 ? { ip: v, family: "ipv6" } : null;
}

/** Why an address may not be contacted, or null when it may. */
export function addressProblem(ip: string, allowPrivate: boolean): string | null {
  const p = plain(ip);
  if (!p) return `"${ip}" is not an IP address`;
  if (ALWAYS.check(p.ip, p.family)) return `${ip} is a link-local address (cloud metadata lives there); it is never allowed`;
  if (!allowPrivate && PRIVATE.check(p.ip, p.family)) {
    return `${ip} is a loopback or private address; an admin must allow private addresses on this endpoint`;
  }
  return null;
}

/** Syntax only: http(s), a host, no credentials inside the URL. Returns the normalised URL (no trailing slash). */
export function checkUrlSyntax(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new UrlPolicyError(`"${raw.slice(0, 200)}" is not a URL, e.g. http://127.0.0.1:8000/v1`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") throw new UrlPolicyError(`only http and https endpoints are allowed, not ${url.protocol}`);
  if (url.username || url.password) throw new UrlPolicyError("put the key in the endpoint's key field, not in the URL");
  if (!url.hostname) throw new UrlPolicyError("the URL needs a host");
  url.hash = "";
  return url;
}

/**
 * Resolves the URL's host and refuses it when any address it resolves to is not allowed. `unresolvable: "allow"`
 * (saving an endpoint while its DNS is down) lets a name that does not resolve now pass; it is checked again
 * before each run and at every connection.
 */
export async function checkUrl(raw: string, allowPrivate: boolean, opts: { unresolvable?: "allow" | "refuse" } = {}): Promise<URL> {
  const url = checkUrlSyntax(raw);
  const host = url.hostname.replace(/^\[|\]$/g, "");
  let addresses: string[];
  if (net.isIP(host)) addresses = [host];
  else {
    try {
      addresses = (await dns.lookup(host, { all: true, verbatim: true })).map((a) => a.address);
    } catch (err) {
      if (opts.unresolvable === "allow") return url;
      throw new UrlPolicyError(`cannot resolve ${host}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
    }
  }
  for (const a of addresses) {
    const problem = addressProblem(a, allowPrivate);
    if (problem) throw new UrlPolicyError(`${url.host}: ${problem}`);
  }
  return url;
}
