import { runCommand, type Command } from "./command";
import { assembleCommand } from "./commands/assemble";
import { auditCommand } from "./commands/audit";
import { documentsCommand, segmentsCommand } from "./commands/dump";
import { endpointCommand } from "./commands/endpoint";
import { exportCommand } from "./commands/export";
import { generateCommand } from "./commands/generate";
import { importCommand } from "./commands/import";
import { jobsCommand } from "./commands/jobs";
import { licenseCommand } from "./commands/license";
import { pairsCommand } from "./commands/pairs";
import { probeCommand } from "./commands/probe";
import { serveCommand } from "./commands/serve";
import { statsCommand } from "./commands/stats";
import { userCommand } from "./commands/user";
import { verifyCommand } from "./commands/verify";
import { workerCommand } from "./commands/worker";

export const COMMANDS: Command[] = [
  serveCommand, importCommand, segmentsCommand, documentsCommand, generateCommand, verifyCommand, pairsCommand, assembleCommand,
  exportCommand, jobsCommand, probeCommand, statsCommand, workerCommand, userCommand,
  endpointCommand, auditCommand, licenseCommand,
];

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  const cmd = COMMANDS.find((c) => c.name === name);
  if (!cmd) {
    const list = COMMANDS.map((c) => `  ${c.name.padEnd(10)} ${c.summary}`).join("\n");
    const out = `IN2 Studio command line\n\nusage: in2 <command> [options]   (in2 <command> --help for its options)\n\n${list}\n`;
    if (name && name !== "--help" && name !== "-h" && name !== "help") {
      process.stderr.write(`in2: unknown command "${name}"\n\n${out}`);
      return 2;
    }
    process.stdout.write(out);
    return 0;
  }
  return runCommand(cmd, rest);
}
