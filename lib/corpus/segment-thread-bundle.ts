import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

/**
 * The segmentation thread's code as one prebuilt ES module (issue 14). Started through tsx, the thread spent
 * ~1.8 CPU-s before it could cut anything (its loader thread resolving and transforming each module, then
 * compiling them), on every import; the bundle (built once per process by esbuild, ~0.1 s, and kept under
 * node_modules/.cache/in2 named by its content hash) starts in a fraction of that. Packages stay imports, resolved
 * from the project's node_modules as before. Resolves to null when it cannot be built (no esbuild, a read-only
 * tree): the caller then starts the thread through tsx as before.
 */
export function segmentThreadBundle(): Promise<URL | null> {
  return (bundle ??= build().catch((err: unknown) => {
    console.warn(`[import] segmentation thread starts through tsx (no prebuilt bundle: ${err instanceof Error ? err.message : String(err)})`);
    return null;
  }));
}
let bundle: Promise<URL | null> | null = null;

async function build(): Promise<URL> {
  if (process.env.IN2_IMPORT_THREAD_BUNDLE === "0") throw new Error("IN2_IMPORT_THREAD_BUNDLE=0");
  const root = process.env.IN2_ROOT ?? path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
  const entry = path.join(root, "lib", "corpus", "segment-thread-body.ts");
  const { build: esbuild } = await import("esbuild");
  const out = await esbuild({
    entryPoints: [entry], bundle: true, format: "esm", platform: "node", target: "node20", packages: "external",
    tsconfig: path.join(root, "tsconfig.json"), write: false, logLevel: "silent",
  });
  const code = out.outputFiles[0]!.contents;
  const dir = path.join(root, "node_modules", ".cache", "in2");
  const file = path.join(dir, `segment-thread-${crypto.createHash("sha256").update(code).digest("hex").slice(0, 16)}.mjs`);
  if (!fs.existsSync(file)) {
    fs.mkdirSync(dir, { recursive: true });
    const partial = `${file}.${process.pid}.partial`;
    fs.writeFileSync(partial, code);
    fs.renameSync(partial, file); // whole or absent, whatever other processes do at the same time
  }
  return pathToFileURL(file);
}
