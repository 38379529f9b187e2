import readline from "node:readline";
import { isRole } from "@/lib/auth/roles";
import { createUser } from "@/lib/auth/users";
import { progress, UsageError, type Command } from "../command";

/** `in2 user add`: the password comes from a prompt (not echoed) or, when piped, the first line of stdin. */
export const userCommand: Command = {
  name: "user",
  summary: "add a user account (the password is read from a prompt or stdin)",
  usage: "in2 user add --email E --role admin|curator|reviewer|viewer [--name N]",
  options: { email: { type: "string" }, role: { type: "string" }, name: { type: "string" } },
  async run(values, positionals) {
    if (positionals[0] !== "add") throw new UsageError("the only action is `add`");
    const email = values.email as string | undefined;
    const role = values.role as string | undefined;
    if (!email) throw new UsageError("--email is required");
    if (!role || !isRole(role)) throw new UsageError("--role must be admin, curator, reviewer or viewer");
    const password = await readPassword();
    const user = await createUser({ email, role, password, name: values.name as string | undefined });
    progress(`added ${user.email} (${user.role})`);
    return { user };
  },
};

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
