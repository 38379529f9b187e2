import readline from "node:readline";
import { createEndpoint, listEndpoints, removeEndpoint } from "@/lib/endpoints";
import { endpointBody } from "@/lib/endpoints/schemas";
import { progress, UsageError, type Command } from "../command";

/**
 * `in2 endpoint add|list|remove`: model endpoints that probe runs, generation and verification name. The key is
 * read from stdin (never a flag: flags end up in shell history and `ps`), stored encrypted, shown as its last 4.
 */
export const endpointCommand: Command = {
  name: "endpoint",
  summary: "manage model endpoints (name, base URL, models, encrypted key) that probe runs and generation name",
  usage: `in2 endpoint add --name N --base-url URL [--model M]... [--key-stdin] [--allow-private]
       in2 endpoint list
       in2 endpoint remove --name N`,
  options: {
    name: { type: "string" }, "base-url": { type: "string" }, model: { type: "string", multiple: true },
    "key-stdin": { type: "boolean" }, "allow-private": { type: "boolean" },
  },
  async run(v, positionals) {
    const sub = positionals[0];
    if (sub === "list") return { endpoints: await listEndpoints() };
    if (sub === "remove") {
      if (!v.name) throw new UsageError("name the endpoint: --name N");
      const row = await removeEndpoint(String(v.name), null);
      progress(`removed endpoint ${row.name}`);
      return { removed: row.name };
    }
    if (sub === "add") {
      if (!v.name || !v["base-url"]) throw new UsageError("add needs --name and --base-url");
      const apiKey = v["key-stdin"] ? await readLine() : undefined;
      const parsed = endpointBody.safeParse({
        name: v.name, baseUrl: v["base-url"], models: (v.model as string[] | undefined) ?? [], apiKey, allowPrivate: Boolean(v["allow-private"]),
      });
      if (!parsed.success) throw new UsageError(parsed.error.issues[0]?.message ?? "invalid endpoint");
      const row = await createEndpoint(parsed.data, null);
      progress(`added endpoint ${row.name} → ${row.baseUrl}${row.keyLast4 ? ` (key …${row.keyLast4})` : ""}${row.allowPrivate ? " (private addresses allowed)" : ""}`);
      return { endpoint: row };
    }
    throw new UsageError(sub ? `unknown subcommand "${sub}"` : "name a subcommand: add, list or remove");
  },
};

/** Against IN2_URL (an admin's token to change them): the Settings page's endpoint routes; the key travels in the body. */
endpointCommand.remote = async (remote, v, positionals) => {
  const sub = positionals[0];
  if (sub === "list") return remote.get("/api/endpoints");
  if (sub === "remove") {
    if (!v.name) throw new UsageError("name the endpoint: --name N");
    const { endpoints } = await remote.get<{ endpoints: { id: number; name: string }[] }>("/api/endpoints");
    const row = endpoints.find((e) => e.name === v.name);
    if (!row) throw new Error(`no endpoint "${String(v.name)}" on ${remote.url}`);
    return remote.del(`/api/endpoints/${row.id}`);
  }
  if (sub === "add") {
    if (!v.name || !v["base-url"]) throw new UsageError("add needs --name and --base-url");
    const apiKey = v["key-stdin"] ? await readLine() : undefined;
    return remote.post("/api/endpoints", {
      name: v.name, baseUrl: v["base-url"], models: (v.model as string[] | undefined) ?? [], apiKey, allowPrivate: Boolean(v["allow-private"]),
    });
  }
  throw new UsageError(sub ? `unknown subcommand "${sub}"` : "name a subcommand: add, list or remove");
};

async function readLine(): Promise<string> {
  if (process.stdin.isTTY) process.stderr.write("key: ");
  const rl = readline.createInterface({ input: process.stdin, terminal: false });
  for await (const line of rl) {
    rl.close();
    return line.trim();
  }
  throw new UsageError("--key-stdin: no key on stdin");
}
