import fs from "node:fs";
import path from "node:path";
import { savePromptBody, type SavePromptBody } from "./schemas";

/**
 * A prompt file for `in2 generate --prompt FILE`: JSON `{ name, type?, text, outputSchema? }`, or plain text (the
 * system prompt; the name is the file's name). The type defaults to the generation's type.
 */
export function readPromptFile(file: string, type: "single" | "multi"): SavePromptBody {
  let raw: string;
  try {
    raw = fs.readFileSync(file, "utf8");
  } catch (err) {
    throw new Error(`--prompt: cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  const stem = path.basename(file).replace(/\.[^.]+$/, "").toLowerCase().replace(/[^a-z0-9._-]+/g, "-").replace(/^[^a-z0-9]+/, "") || "prompt";
  let candidate: unknown;
  if (file.endsWith(".json")) {
    try {
      candidate = { name: stem, type, ...(JSON.parse(raw) as object) };
    } catch (err) {
      throw new Error(`--prompt: ${file} is not valid JSON: ${(err as Error).message}`);
    }
  } else candidate = { name: stem, type, text: raw };
  const parsed = savePromptBody.safeParse(candidate);
  if (!parsed.success) throw new Error(`--prompt: ${parsed.error.issues.map((i) => `${i.path.join(".") || "file"}: ${i.message}`).join("; ")}`);
  if (parsed.data.type !== type) throw new Error(`--prompt: ${file} is a ${parsed.data.type} prompt, but --type is ${type}`);
  return parsed.data;
}
