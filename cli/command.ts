import { parseArgs, type ParseArgsConfig } from "node:util";
import { closeDb } from "@/lib/db/client";
import { ensureDatabase } from "@/lib/db/database";
import { stopBoss } from "@/lib/jobs/queue";

/** A CLI command: options for node's parseArgs, and a run that returns the JSON printed on stdout. */
export interface Command {
  name: string;
  summary: string;
  usage: string;
  options: NonNullable<ParseArgsConfig["options"]>;
  /** false for commands that need no database (help) */
  database?: boolean;
  run(values: Record<string, string | boolean | string[] | boolean[] | undefined>, positionals: string[]): Promise<unknown>;
}

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
