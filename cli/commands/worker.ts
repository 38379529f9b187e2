import { startWorker } from "@/lib/jobs/worker";
import { progress, type Command } from "../command";

export const workerCommand: Command = {
  name: "worker",
  summary: "run background jobs (import, generation, assembly, export) until stopped",
  usage: "in2 worker [--concurrency N]",
  remoteUnavailable: "a worker claims jobs straight from the server's PostgreSQL (the queue is not on the REST API); "
    + "start it on a machine that reaches that database, with DATABASE_URL set and IN2_URL unset",
  options: { concurrency: { type: "string" } },
  async run(values) {
    const worker = await startWorker({ concurrency: Number(values.concurrency ?? 2), log: progress });
    progress(`worker ${worker.id} running; Ctrl-C stops it`);
    await new Promise<void>((resolve) => {
      process.once("SIGINT", resolve);
      process.once("SIGTERM", resolve);
    });
    await worker.stop();
    return { worker: worker.id, stopped: true };
  },
};
