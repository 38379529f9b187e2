import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { dataDir } from "@/lib/config/paths";

/**
 * The server secret that encrypts endpoint keys at rest: IN2_SECRET when set (any long random string), else a
 * random 32-byte file `<data dir>/secret.key` made on first use with mode 0600. Losing it makes stored keys
 * unreadable (re-enter them); it never leaves the server.
 */
let cached: { source: string; key: Buffer } | undefined;

export function secretFile(): string {
  return path.join(dataDir(), "secret.key");
}

function serverKey(): Buffer {
  const env = process.env.IN2_SECRET;
  const source = env ? `env:${env}` : `file:${secretFile()}`;
  if (cached?.source === source) return cached.key;
  let material: Buffer;
  if (env) {
    if (env.length < 16) throw new Error("IN2_SECRET is too short: use at least 16 random characters (e.g. `openssl rand -hex 32`)");
    material = Buffer.from(env, "utf8");
  } else {
    const file = secretFile();
    fs.mkdirSync(path.dirname(file), { recursive: true });
    try {
      // "wx": two processes starting at once cannot both write one; the loser reads the winner's
      fs.writeFileSync(file, crypto.randomBytes(32).toString("base64") + "\n", { flag: "wx", mode: 0o600 });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
    }
    material = Buffer.from(fs.readFileSync(file, "utf8").trim(), "base64");
    if (material.length < 16) throw new Error(`${file} is not a valid secret (delete it only if no endpoint keys are stored)`);
  }
  const key = crypto.createHash("sha256").update("in2-endpoint-keys\u0000").update(material).digest();
  cached = { source, key };
  return key;
}

const AAD = Buffer.from("in2 endpoint key v1");

/** AES-256-GCM: `v1.<iv>.<tag>.<ciphertext>` in base64url; a tampered or foreign value fails to decrypt. */
export function encryptSecret(plain: string): string {
  const iv = crypto.randomBytes(12);
  const c = crypto.createCipheriv("aes-256-gcm", serverKey(), iv);
  c.setAAD(AAD);
  const ct = Buffer.concat([c.update(plain, "utf8"), c.final()]);
  return ["v1", iv.toString("base64url"), c.getAuthTag().toString("base64url"), ct.toString("base64url")].join(".");
}

export function decryptSecret(sealed: string): string {
  const [v, iv, tag, ct] = sealed.split(".");
  if (v !== "v1" || !iv || !tag || ct === undefined) throw new Error("an endpoint key is stored in an unknown format");
  try {
    const d = crypto.createDecipheriv("aes-256-gcm", serverKey(), Buffer.from(iv, "base64url"));
    d.setAAD(AAD);
    d.setAuthTag(Buffer.from(tag, "base64url"));
    return Buffer.concat([d.update(Buffer.from(ct, "base64url")), d.final()]).toString("utf8");
  } catch {
    throw new Error("an endpoint key cannot be decrypted: the server secret (IN2_SECRET or the data dir's secret.key) changed; enter the key again");
  }
}

/** For tests: forget the cached key after changing IN2_SECRET or the data dir. */
export function resetSecretCache(): void {
  cached = undefined;
}
