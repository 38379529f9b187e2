/** Progress and messages go to stderr; stdout carries only the command's JSON result. */
export function progress(line: string): void {
  process.stderr.write(`${line}\n`);
}

/** Writes one JSON line to stdout, waiting when the pipe is full so a huge dump stays in bounded memory. */
export function writeLine(value: unknown): Promise<void> | void {
  if (process.stdout.write(`${JSON.stringify(value)}\n`)) return;
  return new Promise((resolve) => process.stdout.once("drain", () => resolve()));
}
