import { spawn } from "node:child_process";
import path from "node:path";

export interface CliResult { code: number | null; stdout: string; stderr: string; json: unknown }

/** Runs the real `in2` command in a child process, as a user would. */
export function runCli(args: string[], env: Record<string, string | undefined> = {}, input?: string): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(process.cwd(), "bin", "in2.mjs"), ...args], {
      cwd: process.cwd(),
      env: { ...process.env, ...env },
      stdio: ["pipe", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => { stdout += d; });
    child.stderr.on("data", (d: Buffer) => { stderr += d; });
    child.on("error", reject);
    child.on("close", (code) => {
      let json: unknown;
      const last = stdout.trim().split("\n").pop();
      try { json = last ? JSON.parse(last) : undefined; } catch { json = undefined; }
      resolve({ code, stdout, stderr, json });
    });
    child.stdin.end(input ?? "");
  });
}
