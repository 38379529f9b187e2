import readline from "node:readline";
import { audit } from "@/lib/auth/audit";
import { pruneAuth } from "@/lib/auth/prune";
import { isRole } from "@/lib/auth/roles";
import { createUser, disableUser, enableUser, listUsers, removeUser, resetPassword, setUserRole, userIdByEmail } from "@/lib/auth/users";
import { progress, UsageError, type Command } from "../command";
import type { Remote } from "../remote";

const ACTIONS = "add, list, disable, enable, remove, reset-password, set-role or prune";

/**
 * `in2 user …`: accounts, from the server's own machine (the operator; recorded in the audit log without an actor).
 * Passwords come from a prompt (not echoed) or, when piped, the first line of stdin.
 */
export const userCommand: Command = {
  name: "user",
  summary: "manage accounts: add, list, disable, enable, remove, reset-password, set-role, prune",
  usage: `in2 user add --email E --role admin|curator|reviewer|viewer [--name N]   (password from prompt or stdin)
       in2 user list
       in2 user disable|enable|remove --email E
       in2 user reset-password --email E                                     (password from prompt or stdin)
       in2 user set-role --email E --role R
       in2 user prune                                                        (expired sessions, tokens, old login attempts)`,
  options: { email: { type: "string" }, role: { type: "string" }, name: { type: "string" } },
  async run(values, positionals) {
    const action = positionals[0];
    const email = values.email as string | undefined;
    const role = values.role as string | undefined;
    if (action === "list") return { users: await listUsers() };
    if (action === "prune") return { pruned: await pruneAuth() };
    if (!action || !["add", "disable", "enable", "remove", "reset-password", "set-role"].includes(action)) {
      throw new UsageError(action ? `unknown action "${action}"; use ${ACTIONS}` : `name an action: ${ACTIONS}`);
    }
    if (!email) throw new UsageError("--email is required");
    if (action === "add") {
      if (!role || !isRole(role)) throw new UsageError("--role must be admin, curator, reviewer or viewer");
      const user = await createUser({ email, role, password: await readPassword(), name: values.name as string | undefined });
      await audit("user_created", { target: user.email, detail: { role: user.role, via: "cli" } });
      progress(`added ${user.email} (${user.role})`);
      return { user };
    }
    const id = await userIdByEmail(email);
    if (action === "set-role") {
      if (!role || !isRole(role)) throw new UsageError("--role must be admin, curator, reviewer or viewer");
      const user = await setUserRole(id, role);
      await audit("role_changed", { target: user.email, detail: { to: role, via: "cli" } });
      progress(`${user.email} is now ${user.role}`);
      return { user };
    }
    const run = {
      disable: async () => ({ user: await disableUser(id), event: "user_disabled" as const }),
      enable: async () => ({ user: await enableUser(id), event: "user_enabled" as const }),
      remove: async () => ({ user: await removeUser(id), event: "user_removed" as const }),
      "reset-password": async () => ({ user: await resetPassword(id, await readPassword()), event: "password_reset" as const }),
    }[action as "disable" | "enable" | "remove" | "reset-password"];
    const { user, event } = await run();
    await audit(event, { target: user.email, detail: { via: "cli" } });
    progress(`${action}: ${user.email} (${user.status})`);
    return { user };
  },
};

/**
 * Against IN2_URL (a token of an admin): the Settings page's routes, so the server's audit log names that admin.
 * `prune` runs only on the server's machine: it has no API route.
 */
userCommand.remote = async (remote, values, positionals) => {
  const action = positionals[0];
  const email = values.email as string | undefined;
  const role = values.role as string | undefined;
  if (action === "list") return remote.get("/api/users");
  if (action === "prune") throw new UsageError("prune cleans the server's database directly and has no API route: run it on the server, with IN2_URL unset");
  if (!action || !["add", "disable", "enable", "remove", "reset-password", "set-role"].includes(action)) {
    throw new UsageError(action ? `unknown action "${action}"; use ${ACTIONS}` : `name an action: ${ACTIONS}`);
  }
  if (!email) throw new UsageError("--email is required");
  if ((action === "add" || action === "set-role") && (!role || !isRole(role))) throw new UsageError("--role must be admin, curator, reviewer or viewer");
  if (action === "add") return remote.post("/api/users", { email, role, password: await readPassword(), name: values.name });
  const id = await remoteUserId(remote, email);
  if (action === "set-role") return remote.patch(`/api/users/${id}`, { role });
  if (action === "disable" || action === "enable") return remote.patch(`/api/users/${id}`, { disabled: action === "disable" });
  if (action === "remove") return remote.del(`/api/users/${id}`);
  return remote.post(`/api/users/${id}/password`, { password: await readPassword() });
};

async function remoteUserId(remote: Remote, email: string): Promise<number> {
  const { users } = await remote.get<{ users: { id: number; email: string }[] }>("/api/users");
  const found = users.find((u) => u.email.toLowerCase() === email.toLowerCase());
  if (!found) throw new Error(`no account ${email} on ${remote.url}`);
  return found.id;
}

async function readPassword(): Promise<string> {
  if (!process.stdin.isTTY) {
    const rl = readline.createInterface({ input: process.stdin });
    for await (const line of rl) {
      rl.close();
      return line;
    }
    throw new UsageError("no password on stdin");
  }
  process.stderr.write("password: ");
  return new Promise((resolve) => {
    const stdin = process.stdin;
    let value = "";
    stdin.setRawMode(true);
    stdin.resume();
    stdin.setEncoding("utf8");
    const onData = (ch: string) => {
      if (ch === "\r" || ch === "\n" || ch === "\u0004") {
        stdin.setRawMode(false);
        stdin.pause();
        stdin.off("data", onData);
        process.stderr.write("\n");
        resolve(value);
      } else if (ch === "\u0003") {
        process.exit(130);
      } else if (ch === "\u007f") {
        value = value.slice(0, -1);
      } else {
        value += ch;
      }
    };
    stdin.on("data", onData);
  });
}
