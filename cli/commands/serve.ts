import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { REGISTRY_FILE, renderRegistry, scanRoutes } from "@/lib/api/openapi-routes-gen";
import { projectRoot } from "@/lib/config/paths";
import { startWorker } from "@/lib/jobs/worker";
import { progress, type Command } from "../command";

/**
 * `npm start`: the database (embedded unless DATABASE_URL is set), a background worker, and the Next.js
 * server, stopped together on Ctrl-C or SIGTERM. Builds the app first when no build exists.
 */
export const serveCommand: Command = {
  name: "serve",
  summary: "start the web app, a worker and (unless DATABASE_URL is set) the embedded PostgreSQL",
  usage: "in2 serve [--port 3000] [--host 127.0.0.1] [--dev] [--no-worker] [--rebuild]",
  remoteUnavailable: "serve starts the app on this machine; IN2_URL already names a running server. Unset IN2_URL to start one here",
  options: {
    port: { type: "string" }, host: { type: "string" }, dev: { type: "boolean" },
    "no-worker": { type: "boolean" }, rebuild: { type: "boolean" },
  },
  async run(values) {
    const root = projectRoot();
    const nextBin = path.join(path.dirname(createRequire(path.join(root, "package.json")).resolve("next/package.json")), "dist", "bin", "next");
    const port = String(values.port ?? process.env.PORT ?? 3000);
    const host = String(values.host ?? process.env.HOST ?? "127.0.0.1");
    if (!values.dev && (values.rebuild || !fs.existsSync(path.join(root, process.env.IN2_NEXT_DIST ?? ".next", "BUILD_ID")))) {
      progress("building the app (first start only; `npm run build` rebuilds after changes)…");
      refreshRouteRegistry(root);
      const b = spawnSync(process.execPath, [nextBin, "build"], { cwd: root, stdio: ["ignore", 2, 2], env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
      if (b.status !== 0) throw new Error("next build failed");
    }
    const worker = values["no-worker"] ? undefined : await startWorker({ log: progress });
    // bin/next-server.mjs: Next behind node:http, so each request carries its socket address (lib/auth/client-ip.ts)
    const server = spawn(process.execPath, [path.join(root, "bin", "next-server.mjs"), port, host, ...(values.dev ? ["--dev"] : [])], {
      cwd: root, stdio: ["ignore", 2, 2], env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", IN2_ROOT: root },
    });
    progress(`IN2 Studio on http://${host === "0.0.0.0" ? "localhost" : host}:${port} (database: ${process.env.DATABASE_URL?.replace(/:[^:@/]+@/, ":***@")})`);
    const exited = new Promise<number | null>((resolve) => server.once("exit", (code) => resolve(code)));
    const signalled = new Promise<string>((resolve) => {
      process.once("SIGINT", () => resolve("SIGINT"));
      process.once("SIGTERM", () => resolve("SIGTERM"));
    });
    const why = await Promise.race([exited.then((c) => `server exited (${c})`), signalled]);
    progress(`stopping (${why})…`);
    if (server.exitCode === null) {
      server.kill("SIGTERM");
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
      if (server.exitCode === null) server.kill("SIGKILL");
    }
    await worker?.stop();
    return undefined;
  },
};

/** The OpenAPI document lists the routes through a generated file; a build refreshes it so a new route is never missing. */
function refreshRouteRegistry(root: string): void {
  const file = path.join(root, REGISTRY_FILE);
  const fresh = renderRegistry(scanRoutes(root));
  if (!fs.existsSync(file) || fs.readFileSync(file, "utf8") !== fresh) fs.writeFileSync(file, fresh);
}
