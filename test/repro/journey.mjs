#!/usr/bin/env node
// One "machine" of the reproducibility test: runs a list of `in2` commands through the CLI's own entry
// (cli/main.ts, as bin/in2.mjs does) in ONE process, so module state is fresh per database but the ~10 s
// TypeScript start-up is paid once, not once per command. A step is either argv for `in2`, or the reviewer
// step { review: "accept-unflagged" } (the UI's bulk action: accept pairs without flags, reject the rest).
// Usage: DATABASE_URL=… node test/repro/journey.mjs '<JSON steps>'. Each command's JSON line goes to stdout.
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { register } from "tsx/esm/api";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
process.env.IN2_ROOT ??= root;
register({ tsconfig: path.join(root, "tsconfig.json") });
const load = (file) => import(pathToFileURL(path.join(root, file)).href);
const { main } = await load("cli/main.ts");

const url = process.env.DATABASE_URL;
for (const step of JSON.parse(process.argv[2] ?? "[]")) {
  const t0 = Date.now();
  if (Array.isArray(step)) {
    const code = await main(step);
    if (process.env.IN2_REPRO_TIMES) process.stderr.write(`[time] in2 ${step[0]}: ${Date.now() - t0} ms\n`);
    // main() leaves DATABASE_URL as it found it only when it was set; keep pointing at this machine's database
    process.env.DATABASE_URL = url;
    if (code !== 0) {
      process.stderr.write(`in2 ${step.join(" ")}: exit code ${code}\n`);
      process.exit(code);
    }
    continue;
  }
  const { createUser } = await load("lib/auth/users.ts");
  const { bulkUpdate } = await load("lib/pairs/bulk.ts");
  const { countPairs } = await load("lib/pairs/list.ts");
  const { closeDb } = await load("lib/db/client.ts");
  const user = await createUser({ email: "ada@lab.org", role: "curator", password: "correct horse battery staple" });
  for (const [filter, action] of [[{ status: "pending", flag: "none" }, "accept"], [{ status: "pending", flag: "any" }, "reject"]]) {
    await bulkUpdate(filter, action, await countPairs(filter), user.id);
  }
  process.stdout.write(`${JSON.stringify({ reviewed: true })}\n`);
  await closeDb();
}
