import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import { dataDir, projectRoot } from "@/lib/config/paths";
import { pool } from "@/lib/db/client";
import { deleteUpload, keepBytes, readUpload } from "@/lib/corpus/uploads";
import { addGrams } from "./ngrams";

/** An evaluation set's n-grams and a fingerprint of its content (decontamination work is keyed by it). */
export interface EvalGrams {
  grams: Set<number>;
  fingerprint: string;
  sources: { name: string; texts: number }[];
}

const VALPROBING = ["document_sentences.jsonl", "code_functions.jsonl", "database_entities.jsonl"];

/** The VaL Probing pieces: the project's gzipped copies when present, else the shared originals. */
export function defaultEvalFiles(): string[] {
  const local = path.join(projectRoot(), "data", "valprobing");
  const shared = path.resolve(projectRoot(), "..", "shared", "data", "valprobing");
  return VALPROBING.map((f) => {
    const gz = path.join(local, `${f}.gz`);
    if (fs.existsSync(gz)) return gz;
    const plain = path.join(local, f);
    return fs.existsSync(plain) ? plain : path.join(shared, f);
  });
}

function read(file: string): string {
  const buf = fs.readFileSync(file);
  // gzip by magic bytes, not by name: an upload keeps a random name
  return (buf[0] === 0x1f && buf[1] === 0x8b ? gunzipSync(buf) : buf).toString("utf8");
}

/** Every string inside a JSON value (an eval set's questions, contexts, answers… whatever its field names). */
function strings(value: unknown, out: string[]): void {
  if (typeof value === "string") out.push(value);
  else if (Array.isArray(value)) for (const v of value) strings(v, out);
  else if (value && typeof value === "object") for (const v of Object.values(value)) strings(v, out);
}

/** Texts of one file: JSON Lines (all string fields), a JSON array, or plain text (one text per line). */
export function evalTexts(content: string): string[] {
  const out: string[] = [];
  for (const line of content.split("\n")) {
    const t = line.trim();
    if (!t) continue;
    try {
      strings(JSON.parse(t), out);
    } catch {
      out.push(t);
    }
  }
  return out;
}

/** The default sets that exist here, plus the user's own files. */
export function evalFilesWith(extra: string[] = []): string[] {
  return [...defaultEvalFiles().filter((f) => fs.existsSync(f)), ...extra];
}

const cache = new Map<string, EvalGrams>();
// the same files, unchanged since they were read (path, inode, size, mtime): no reading, gunzipping and hashing them
// again (~0.2 s for the VaL Probing pieces, paid by every export and assembly run before). As git does, a file
// modified in the last seconds is not trusted by its stat: the file system's clock is coarse, and a rewrite of the
// same size within one tick would keep its mtime.
const byStat = new Map<string, EvalGrams>();
const RACY_NS = 3_000_000_000n;

/** Loads the n-grams of the given files (the VaL Probing pieces when none are given), cached per content. */
export function loadEvalGrams(files: string[] = evalFilesWith()): EvalGrams {
  const now = BigInt(Date.now()) * 1_000_000n;
  let settled = true;
  const statKey = files.map((f) => {
    const st = fs.statSync(f, { bigint: true });
    if (now - st.mtimeNs < RACY_NS) settled = false;
    return `${f}\u0000${st.ino}\u0000${st.size}\u0000${st.mtimeNs}`;
  }).join("\u0001");
  const known = byStat.get(statKey);
  if (known && settled) return known;
  const loaded = loadByContent(files);
  if (byStat.size > 64) byStat.clear();
  if (settled) byStat.set(statKey, loaded);
  return loaded;
}

function loadByContent(files: string[]): EvalGrams {
  const contents = files.map((f) => ({ name: path.basename(f), content: read(f) }));
  const hash = createHash("sha256");
  for (const c of contents) hash.update(c.content).update("\u0000");
  const fingerprint = hash.digest("hex").slice(0, 16);
  const hit = cache.get(fingerprint);
  if (hit) return hit;
  const grams = new Set<number>();
  const sources = contents.map((c) => {
    const texts = evalTexts(c.content);
    for (const t of texts) addGrams(t, grams);
    return { name: c.name, texts: texts.length };
  });
  const loaded = { grams, fingerprint, sources };
  cache.set(fingerprint, loaded);
  return loaded;
}

/**
 * Users' eval sets that are active, oldest first (their order is part of the fingerprint). A set kept on another
 * machine's disk is rebuilt from its stored bytes into this process's data dir, under the same file name.
 */
export async function registeredEvalFiles(): Promise<string[]> {
  const { rows } = await pool().query<{ sha256: string; path: string }>(`SELECT sha256, path FROM eval_set WHERE active ORDER BY id`);
  const out: string[] = [];
  for (const r of rows) {
    const local = path.join(dataDir(), "eval-sets", path.basename(r.path));
    if (fs.existsSync(r.path) || fs.existsSync(local)) { out.push(fs.existsSync(r.path) ? r.path : local); continue; }
    const kept = await readUpload(keptId(r.sha256));
    if (!kept) { out.push(r.path); continue; } // registered before its bytes were kept in the database: needs the file here
    fs.mkdirSync(path.dirname(local), { recursive: true });
    fs.writeFileSync(local, kept.bytes);
    out.push(local);
  }
  return out;
}

/** An eval set's bytes are kept in the upload tables under this id, for workers on other machines. */
const keptId = (sha256: string) => `eval-set-${sha256}`;

/** `upload:<id>`: an eval set uploaded through the API, read from PostgreSQL by whichever worker runs the job. */
export const EVAL_UPLOAD_PREFIX = "upload:";

/** The active eval sets: the VaL Probing pieces plus every set a user added. Their fingerprint is part of each recipe. */
export async function activeEvalFiles(): Promise<string[]> {
  return evalFilesWith(await registeredEvalFiles());
}

export async function activeEvalGrams(): Promise<EvalGrams> {
  return loadEvalGrams(await activeEvalFiles());
}

/**
 * Adds an evaluation set: the file is copied under the data dir (by content hash, so the fingerprint can be
 * recomputed later) and becomes active. Adding the same bytes twice is a no-op. The caller decontaminates.
 */
export async function registerEvalSet(file: string): Promise<{ id: number; sha256: string; added: boolean }> {
  const upload = file.startsWith(EVAL_UPLOAD_PREFIX) ? file.slice(EVAL_UPLOAD_PREFIX.length) : null;
  const got = upload ? await readUpload(upload) : { name: path.basename(file), bytes: fs.readFileSync(file) };
  // an upload already registered by an earlier attempt of the same job is gone: nothing new to add
  if (!got) return { id: 0, sha256: "", added: false };
  const buf = got.bytes;
  file = got.name;
  const sha256 = createHash("sha256").update(buf).digest("hex");
  const dir = path.join(dataDir(), "eval-sets");
  fs.mkdirSync(dir, { recursive: true });
  const kept = path.join(dir, `${sha256.slice(0, 32)}-${path.basename(file).replace(/[^\w.-]+/g, "_")}`);
  if (!fs.existsSync(kept)) fs.writeFileSync(kept, buf);
  const texts = evalTexts(read(kept)).length;
  const { rows } = await pool().query<{ id: number; added: boolean }>(
    `INSERT INTO eval_set (name, sha256, path, texts) VALUES ($1, $2, $3, $4)
     ON CONFLICT (sha256) DO UPDATE SET active = true RETURNING id, (xmax = 0) AS added`,
    [path.basename(file), sha256, kept, texts]);
  await keepBytes(keptId(sha256), path.basename(file), buf);
  if (upload) await deleteUpload(upload);
  return { id: rows[0]!.id, sha256, added: rows[0]!.added };
}
