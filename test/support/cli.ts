import { spawn } from "node:child_process";
import path from "node:path";

export interface CliResult { code: number | null; stdout: string; stderr: string; json: unknown }

/** Runs a Node script (a path from the repository root) in a child process with `env` added to this one's; collects its output. */
export function runNode(script: string, args: string[], env: Record<string, string | undefined> = {}, input?: string):
  Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(process.cwd(), script), ...args], {
      cwd: process.cwd(),
      env: { ...process.env, ...env },
      stdio: ["pipe", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => { stdout += d; });
    child.stderr.on("data", (d: Buffer) => { stderr += d; });
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input ?? "");
  });
}

/** Runs the real `in2` command in a child process, as a user would. */
export async function runCli(args: string[], env: Record<string, string | undefined> = {}, input?: string): Promise<CliResult> {
  const r = await runNode(path.join("bin", "in2.mjs"), args, env, input);
  let json: unknown;
  const last = r.stdout.trim().split("\n").pop();
  try { json = last ? JSON.parse(last) : undefined; } catch { json = undefined; }
  return { ...r, json };
}
