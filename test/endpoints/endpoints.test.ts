import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pool } from "@/lib/db/client";
import { createEndpoint, endpointClient, listEndpoints, resolveEndpoint, updateEndpoint } from "@/lib/endpoints";
import { guardedFetch } from "@/lib/endpoints/safe-fetch";
import { decryptSecret, encryptSecret, resetSecretCache, secretFile } from "@/lib/endpoints/secret";
import { addressProblem, checkUrlSyntax } from "@/lib/endpoints/url-policy";
import { useTestDatabase } from "../support/db";

const saved = { secret: process.env.IN2_SECRET, dir: process.env.IN2_DATA_DIR };
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "in2-secret-"));
let listener: http.Server;
let port = 0;
let hits = 0;

beforeAll(async () => {
  await useTestDatabase();
  listener = http.createServer((_req, res) => { hits++; res.end("{}"); });
  await new Promise<void>((r) => listener.listen(0, "127.0.0.1", r));
  port = (listener.address() as AddressInfo).port;
});
afterAll(async () => {
  await new Promise<void>((r) => listener.close(() => r()));
  process.env.IN2_SECRET = saved.secret;
  process.env.IN2_DATA_DIR = saved.dir;
  resetSecretCache();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe("endpoint keys at rest", () => {
  it("without IN2_SECRET, a random secret file is made in the data dir with mode 0600 and reused", () => {
    delete process.env.IN2_SECRET;
    process.env.IN2_DATA_DIR = dataDir;
    resetSecretCache();
    const sealed = encryptSecret("sk-abc");
    expect(fs.statSync(secretFile()).mode & 0o777).toBe(0o600);
    expect(sealed).not.toContain("sk-abc");
    resetSecretCache();
    expect(decryptSecret(sealed)).toBe("sk-abc");
  });

  it("AES-GCM: each sealing differs, tampering or another secret fails with a message saying what to do", () => {
    process.env.IN2_SECRET = "first secret for the tests";
    resetSecretCache();
    const a = encryptSecret("sk-same");
    expect(encryptSecret("sk-same")).not.toBe(a);
    const parts = a.split(".");
    const flipped = [...parts.slice(0, 3), Buffer.from(Buffer.from(parts[3]!, "base64url").map((b, i) => (i === 0 ? b ^ 1 : b))).toString("base64url")].join(".");
    expect(() => decryptSecret(flipped)).toThrow(/enter the key again/);
    process.env.IN2_SECRET = "second secret for the tests";
    resetSecretCache();
    expect(() => decryptSecret(a)).toThrow(/server secret .* changed/);
    process.env.IN2_SECRET = "short";
    resetSecretCache();
    expect(() => encryptSecret("x")).toThrow(/too short/);
    process.env.IN2_SECRET = "first secret for the tests";
    resetSecretCache();
  });

  it("the database holds only the ciphertext and the last 4; resolve decrypts server-side; an update may keep or drop the key", async () => {
    const row = await createEndpoint({ name: "lab", baseUrl: `http://127.0.0.1:${port}/v1/`, models: ["a", "a", " b "], apiKey: "sk-lab-123456789", allowPrivate: true }, null);
    expect(row).toMatchObject({ name: "lab", baseUrl: `http://127.0.0.1:${port}/v1`, models: ["a", "b"], keyLast4: "6789", hasKey: true });
    const { rows } = await pool().query(`SELECT * FROM model_endpoint WHERE name = 'lab'`);
    expect(JSON.stringify(rows)).not.toContain("sk-lab-123456789");
    expect((await resolveEndpoint("lab")).apiKey).toBe("sk-lab-123456789");
    await updateEndpoint(row.id!, { name: "lab", baseUrl: row.baseUrl, models: ["a"], allowPrivate: true }, null);
    expect((await resolveEndpoint("lab")).apiKey).toBe("sk-lab-123456789");
    await updateEndpoint(row.id!, { name: "lab", baseUrl: row.baseUrl, models: ["a"], apiKey: null, allowPrivate: true }, null);
    expect((await resolveEndpoint("lab")).apiKey).toBeNull();
    expect(JSON.stringify(await listEndpoints())).not.toContain("sk-lab");
    await expect(createEndpoint({ name: "default", baseUrl: "https://x.example/v1" }, null)).rejects.toThrow(/built-in/);
    await expect(createEndpoint({ name: "lab", baseUrl: "https://x.example/v1" }, null)).rejects.toThrow(/already exists/);
  });
});

describe("the outbound URL policy", () => {
  it("classifies addresses: private and loopback only when allowed, link-local never", () => {
    for (const ip of ["127.0.0.1", "10.1.2.3", "172.16.0.1", "192.168.1.1", "100.64.0.1", "0.0.0.0", "::1", "fd00::1", "::ffff:127.0.0.1", "::"]) {
      expect(addressProblem(ip, false), ip).toMatch(/loopback or private/);
      expect(addressProblem(ip, true), ip).toBeNull();
    }
    for (const ip of ["169.254.169.254", "fe80::1"]) expect(addressProblem(ip, true), ip).toMatch(/link-local/);
    for (const ip of ["8.8.8.8", "2606:4700::1111"]) expect(addressProblem(ip, false), ip).toBeNull();
  });

  it("takes only http(s), without credentials in the URL", () => {
    expect(() => checkUrlSyntax("file:///etc/passwd")).toThrow(/only http and https/);
    expect(() => checkUrlSyntax("gopher://x")).toThrow(/only http and https/);
    expect(() => checkUrlSyntax("http://user:pw@host/v1")).toThrow(/key field/);
    expect(() => checkUrlSyntax("not a url")).toThrow(/not a URL/);
    expect(checkUrlSyntax("https://api.example.org/v1").host).toBe("api.example.org");
  });

  it("is enforced at connect time: a loopback listener is never contacted, by IP or by a name resolving to it", async () => {
    const f = guardedFetch(false);
    await expect(f(`http://127.0.0.1:${port}/v1/models`)).rejects.toThrow(/loopback or private/);
    await expect(f(`http://localhost:${port}/v1/models`)).rejects.toThrow(/loopback or private/);
    await expect(f(`http://[::ffff:7f00:1]:${port}/v1/models`)).rejects.toThrow(/loopback or private/);
    expect(hits).toBe(0);
    const allowed = await guardedFetch(true)(`http://localhost:${port}/v1/models`);
    expect(allowed.status).toBe(200);
    expect(hits).toBe(1);
    // and through the SDK client of a stored endpoint whose allowance was withdrawn
    await pool().query(`UPDATE model_endpoint SET allow_private = false WHERE name = 'lab'`);
    const sdk = endpointClient(await resolveEndpoint("lab"));
    await expect(sdk.models.list()).rejects.toThrow();
    expect(hits).toBe(1);
  });
});
