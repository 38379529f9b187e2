import { parseArgs, type ParseArgsConfig } from "node:util";
import { closeDb } from "@/lib/db/client";
import { ensureDatabase } from "@/lib/db/database";
import { stopBoss } from "@/lib/jobs/queue";
import { remoteFromEnv, type Remote } from "./remote";

/** A CLI command: options for node's parseArgs, and a run that returns the JSON printed on stdout. */
export interface Command {
  name: string;
  summary: string;
  usage: string;
  options: NonNullable<ParseArgsConfig["options"]>;
  /** false for commands that need no database (help) */
  database?: boolean;
  run(values: Values, positionals: string[]): Promise<unknown>;
  /** the same command against a remote server's REST API (IN2_URL + IN2_TOKEN), where supported */
  remote?(remote: Remote, values: Values, positionals: string[]): Promise<unknown>;
}

export type Values = Record<string, string | boolean | string[] | boolean[] | undefined>;

export class UsageError extends Error {}

/** Progress and messages go to stderr; stdout carries only the command's JSON result. */
export function progress(line: string): void {
  process.stderr.write(`${line}\n`);
}

export async function runCommand(cmd: Command, argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: { ...cmd.options, help: { type: "boolean", short: "h" } }, allowPositionals: true, strict: true });
  } catch (err) {
    progress(`in2 ${cmd.name}: ${(err as Error).message}\nusage: ${cmd.usage}`);
    return 2;
  }
  if (parsed.values.help) {
    process.stdout.write(`${cmd.summary}\n\nusage: ${cmd.usage}\n`);
    return 0;
  }
  let remote: Remote | undefined;
  try {
    remote = remoteFromEnv();
  } catch (err) {
    progress(`in2 ${cmd.name}: ${(err as Error).message}`);
    return 2;
  }
  if (remote) return runRemote(cmd, remote, parsed.values, parsed.positionals);
  const handle = cmd.database === false ? undefined : await ensureDatabase({ log: () => {} });
  if (handle) process.env.DATABASE_URL = handle.url;
  try {
    const result = await cmd.run(parsed.values, parsed.positionals);
    if (result !== undefined) process.stdout.write(`${JSON.stringify(result)}\n`);
    return 0;
  } catch (err) {
    if (err instanceof UsageError) {
      progress(`in2 ${cmd.name}: ${err.message}\nusage: ${cmd.usage}`);
      return 2;
    }
    progress(`in2 ${cmd.name}: ${(err as Error).message}`);
    return 1;
  } finally {
    await stopBoss().catch(() => {});
    await closeDb().catch(() => {});
    await handle?.close().catch(() => {});
  }
}

async function runRemote(cmd: Command, remote: Remote, values: Values, positionals: string[]): Promise<number> {
  if (!cmd.remote) {
    progress(`in2 ${cmd.name}: not available against a remote server (IN2_URL); run it on the server, or unset IN2_URL`);
    return 2;
  }
  try {
    const result = await cmd.remote(remote, values, positionals);
    if (result !== undefined) process.stdout.write(`${JSON.stringify(result)}\n`);
    return 0;
  } catch (err) {
    progress(`in2 ${cmd.name}: ${(err as Error).message}`);
    return err instanceof UsageError ? 2 : 1;
  }
}
