import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";

/**
 * `in2 worker` processes started by a test, as an operator would start them (one job at a time), and stopped by
 * the test: killed mid-job to prove a job survives its worker, or stopped at the end. Every child is tracked, so
 * `stopAll` in afterAll leaves no worker behind whatever the test did.
 */
export interface WorkerOptions {
  /** job lease in seconds: short, so the sweep hands a killed worker's job over quickly */
  leaseSeconds?: number;
  /** added to the environment */
  env?: Record<string, string>;
  /** only PATH, HOME, DATABASE_URL and `env`, as a worker on another machine would have; default: this process's env too */
  isolated?: boolean;
  /** sees the worker's stderr (its log) */
  onStderr?: (chunk: string) => void;
}

export class WorkerProcesses {
  private readonly children: ChildProcess[] = [];

  start(databaseUrl: string, o: WorkerOptions = {}): ChildProcess {
    const base = o.isolated ? { PATH: process.env.PATH, HOME: process.env.HOME } : process.env;
    const child = spawn(process.execPath, [path.join(process.cwd(), "bin", "in2.mjs"), "worker", "--concurrency", "1"], {
      env: { ...base, DATABASE_URL: databaseUrl, IN2_JOB_LEASE_SECONDS: String(o.leaseSeconds ?? 2), ...o.env } as NodeJS.ProcessEnv,
      stdio: ["ignore", "ignore", "pipe"],
    });
    child.stderr?.on("data", (d: Buffer) => o.onStderr?.(d.toString()));
    this.children.push(child);
    return child;
  }

  /** SIGKILL: no shutdown hook runs, the job is left `running` with a heartbeat that goes stale. */
  async kill(child: ChildProcess): Promise<void> {
    await stop(child, "SIGKILL");
  }

  async stopAll(signal: NodeJS.Signals = "SIGKILL"): Promise<void> {
    await Promise.all(this.children.map((c) => stop(c, signal)));
  }
}

function stop(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  const exited = new Promise<void>((r) => child.once("exit", () => r()));
  child.kill(signal);
  return exited;
}

/** Polls `probe` until it returns something truthy (which is returned), or fails after `timeoutMs`. */
export async function until<T>(what: string, probe: () => Promise<T | undefined | false>, timeoutMs = 90_000, everyMs = 100): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
