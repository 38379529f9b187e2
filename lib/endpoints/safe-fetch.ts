import dns from "node:dns";
import http from "node:http";
import https from "node:https";
import net from "node:net";
import { Readable } from "node:stream";
import { addressProblem, checkUrlSyntax, UrlPolicyError } from "./url-policy";

/**
 * A `fetch` for the openai SDK that enforces the URL policy at connect time: the DNS lookup the socket really uses
 * is checked (no DNS-rebinding window between a check and the connection), IP literals are checked before
 * connecting, redirects are not followed, and only http(s) is spoken.
 */
export function guardedFetch(allowPrivate: boolean): typeof fetch {
  const lookup = ((hostname: string, options: dns.LookupOptions, cb: (...args: unknown[]) => void) => {
    dns.lookup(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) return cb(err);
      const list = addresses as unknown as dns.LookupAddress[];
      for (const a of list) {
        const problem = addressProblem(a.address, allowPrivate);
        if (problem) return cb(new UrlPolicyError(`${hostname}: ${problem}`));
      }
      if (!list[0]) return cb(new UrlPolicyError(`${hostname} resolves to no address`));
      if (options.all) cb(null, list);
      else cb(null, list[0].address, list[0].family);
    });
  }) as unknown as net.LookupFunction;

  return (async (input: RequestInfo | URL, init?: RequestInit) => {
    const req = new Request(input, init);
    const url = checkUrlSyntax(req.url);
    const host = url.hostname.replace(/^\[|\]$/g, "");
    if (net.isIP(host)) {
      const problem = addressProblem(host, allowPrivate);
      if (problem) throw new UrlPolicyError(`${url.host}: ${problem}`);
    }
    const body = req.body ? Buffer.from(await req.arrayBuffer()) : undefined;
    const headers: Record<string, string> = {};
    req.headers.forEach((v, k) => { headers[k] = v; });
    if (body) headers["content-length"] = String(body.length);
    return new Promise<Response>((resolve, reject) => {
      const mod = url.protocol === "https:" ? https : http;
      const r = mod.request(url, { method: req.method, headers, lookup, signal: req.signal }, (res) => {
        const h = new Headers();
        for (const [k, v] of Object.entries(res.headers)) {
          if (Array.isArray(v)) for (const x of v) h.append(k, x);
          else if (v != null) h.set(k, String(v));
        }
        const status = res.statusCode ?? 502;
        const empty = status === 204 || status === 205 || status === 304 || req.method === "HEAD";
        if (empty) res.resume();
        resolve(new Response(empty ? null : (Readable.toWeb(res) as ReadableStream<Uint8Array>), { status, statusText: res.statusMessage, headers: h }));
      });
      r.on("error", reject);
      r.end(body);
    });
  }) as typeof fetch;
}
