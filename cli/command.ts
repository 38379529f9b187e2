import { parseArgs, type ParseArgsConfig } from "node:util";
import { closeDb } from "@/lib/db/client";
import { ensureDatabase } from "@/lib/db/database";
import { stopBoss } from "@/lib/jobs/queue";
import { EXIT, JobEndedError, UsageError } from "./errors";
import { progress } from "./output";
import { remoteFromEnv, type Remote } from "./remote";

// Commands import these from here; they live in leaf modules so that remote.ts needs nothing from this file.
export { progress } from "./output";
export { JobEndedError, UsageError } from "./errors";

/** A CLI command: options for node's parseArgs, and a run that returns the JSON printed on stdout. */
export interface Command {
  name: string;
  summary: string;
  usage: string;
  options: NonNullable<ParseArgsConfig["options"]>;
  /** false for commands that need no database (help) */
  database?: boolean;
  run(values: Values, positionals: string[]): Promise<unknown>;
  /** the same command against a remote server's REST API (IN2_URL + IN2_TOKEN) */
  remote?(remote: Remote, values: Values, positionals: string[]): Promise<unknown>;
  /** for a command without `remote`: why it cannot run against a remote server (printed as is) */
  remoteUnavailable?: string;
}

export type Values = Record<string, string | boolean | string[] | boolean[] | undefined>;

export async function runCommand(cmd: Command, argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: { ...cmd.options, help: { type: "boolean", short: "h" } }, allowPositionals: true, strict: true });
  } catch (err) {
    progress(`in2 ${cmd.name}: ${(err as Error).message}\nusage: ${cmd.usage}`);
    return EXIT.usage;
  }
  if (parsed.values.help) {
    process.stdout.write(`${cmd.summary}\n\nusage: ${cmd.usage}\n`);
    return EXIT.ok;
  }
  let remote: Remote | undefined;
  try {
    remote = remoteFromEnv();
  } catch (err) {
    progress(`in2 ${cmd.name}: ${(err as Error).message}`);
    return EXIT.usage;
  }
  if (remote) {
    const r = remote;
    if (!cmd.remote) {
      progress(`in2 ${cmd.name}: not available against a remote server (IN2_URL): ${cmd.remoteUnavailable ?? "it has no REST API path yet"}`);
      return EXIT.usage;
    }
    return settle(cmd, () => cmd.remote!(r, parsed.values, parsed.positionals));
  }
  const handle = cmd.database === false ? undefined : await ensureDatabase({ log: () => {} });
  if (handle) process.env.DATABASE_URL = handle.url;
  try {
    return await settle(cmd, () => cmd.run(parsed.values, parsed.positionals));
  } finally {
    await stopBoss().catch(() => {});
    await closeDb().catch(() => {});
    await handle?.close().catch(() => {});
  }
}

/** Runs the command body and maps its outcome to stdout and an exit code (see cli/errors.ts). */
async function settle(cmd: Command, body: () => Promise<unknown>): Promise<number> {
  try {
    const result = await body();
    if (result !== undefined) process.stdout.write(`${JSON.stringify(result)}\n`);
    return EXIT.ok;
  } catch (err) {
    if (err instanceof UsageError) {
      progress(`in2 ${cmd.name}: ${err.message}\nusage: ${cmd.usage}`);
      return EXIT.usage;
    }
    if (err instanceof JobEndedError) {
      if (err.result !== undefined) process.stdout.write(`${JSON.stringify(err.result)}\n`);
      progress(`in2 ${cmd.name}: ${err.message}`);
      return EXIT.jobEnded;
    }
    progress(`in2 ${cmd.name}: ${(err as Error).message}`);
    return EXIT.failure;
  }
}
