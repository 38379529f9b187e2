import fs from "node:fs";
import path from "node:path";
import { z } from "zod";
import { dataDir } from "@/lib/config/paths";
import { hfPath, isValidTokenizerName, TOKENIZER_NAME_HELP } from "./names";

/**
 * `hf:` tokenizers named through the API must live in the directory the server's admin configured
 * (IN2_TOKENIZER_DIR, default `<data dir>/tokenizers`): an API caller must never make the server open an arbitrary
 * path. The CLI runs as the operator on the machine itself and may name any file.
 */
export function tokenizerDir(): string {
  return path.resolve(process.env.IN2_TOKENIZER_DIR || path.join(dataDir(), "tokenizers"));
}

/** The canonical `hf:<absolute path>` for a name given through the API, or an error saying where files must go. */
export function apiTokenizerName(name: string): string {
  if (!isValidTokenizerName(name)) throw new Error(`unknown tokenizer ${JSON.stringify(name.slice(0, 200))}; valid names: ${TOKENIZER_NAME_HELP.join(", ")}`);
  const rel = hfPath(name);
  if (rel === null) return name;
  const dir = tokenizerDir();
  const where = `hf: tokenizers must be files inside ${dir} (IN2_TOKENIZER_DIR), named like hf:my-model/tokenizer.json`;
  const file = path.resolve(dir, rel);
  let real: string;
  let realDir: string;
  try {
    realDir = fs.realpathSync(dir);
    real = fs.realpathSync(file);
  } catch {
    throw new Error(`${rel} does not exist; ${where}`);
  }
  // realpath on both sides: a symlink inside the directory pointing out of it is refused too
  if (real !== realDir && !real.startsWith(realDir + path.sep)) throw new Error(where);
  if (!fs.statSync(real).isFile()) throw new Error(`${rel} is not a file; ${where}`);
  return `hf:${real}`;
}

/** zod: a tokenizer name from an API body, canonicalised by `apiTokenizerName`. */
export const apiTokenizer = z.string().trim().min(1).max(500).transform((name, ctx) => {
  try {
    return apiTokenizerName(name);
  } catch (err) {
    ctx.addIssue({ code: "custom", message: (err as Error).message });
    return z.NEVER;
  }
});
