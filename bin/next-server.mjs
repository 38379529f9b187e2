#!/usr/bin/env node
// The web server `in2 serve` starts: Next.js behind a few lines of node:http, for one reason. Next keeps a client's
// own X-Forwarded-For header, so the socket's address would be lost; here every request gets `x-in2-peer` set to
// the address the connection really comes from (overwriting anything a client sent), and the login rate limit
// (lib/auth/client-ip.ts) keys on that. Usage: node bin/next-server.mjs <port> <host> [--dev]
import crypto from "node:crypto";
import http from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";
import next from "next";

const root = process.env.IN2_ROOT ?? path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const [portArg, host = "127.0.0.1"] = process.argv.slice(2).filter((a) => !a.startsWith("--"));
const port = Number(portArg ?? process.env.PORT ?? 3000);
const dev = process.argv.includes("--dev");
const PEER_HEADER = "x-in2-peer";
// The app trusts PEER_HEADER only beside this per-process secret, so a server started some other way (plain
// `next start`) cannot be fooled by a client sending the header itself.
const PEER_SECRET = crypto.randomBytes(24).toString("base64url");
process.env.IN2_PEER_SECRET = PEER_SECRET;

const app = next({ dev, dir: root, hostname: host, port });
await app.prepare();
const handle = app.getRequestHandler();
const server = http.createServer((req, res) => {
  req.headers[PEER_HEADER] = req.socket.remoteAddress ?? "unknown";
  req.headers[`${PEER_HEADER}-secret`] = PEER_SECRET;
  handle(req, res).catch((err) => {
    console.error("[server]", err);
    if (!res.headersSent) res.writeHead(500);
    res.end();
  });
});
if (dev) server.on("upgrade", app.getUpgradeHandler());
server.listen(port, host, () => console.error(`next ready on http://${host}:${port}`));
const stop = () => server.close(() => process.exit(0));
process.once("SIGTERM", stop);
process.once("SIGINT", stop);
