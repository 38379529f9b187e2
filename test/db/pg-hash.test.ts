import { beforeAll, describe, expect, it } from "vitest";
import { pool } from "@/lib/db/client";
import { hashTextExtendedInt8 } from "@/lib/db/pg-hash";
import { createRng } from "@/lib/random";
import { useTestDatabase } from "../support/db";

beforeAll(async () => {
  await useTestDatabase();
});

describe("hashtextextended in JavaScript", () => {
  it("equals the server's on every length 0–80, segment keys, non-ASCII text and non-zero seeds", async () => {
    const rng = createRng(7);
    const rand = () => rng.next();
    const alphabet = "abcdefghijklmnopqrstuvwxyz0123456789:-_ é漢😀\u0080\u07ff";
    const chars = [...alphabet];
    const texts: string[] = [""];
    for (let len = 1; len <= 80; len++) for (let k = 0; k < 12; k++) texts.push(Array.from({ length: len }, () => chars[Math.floor(rand() * chars.length)]!).join(""));
    for (let i = 0; i < 300; i++) texts.push(`${Array.from({ length: 64 }, () => "0123456789abcdef"[Math.floor(rand() * 16)]).join("")}:${Math.floor(rand() * 5000)}`);
    for (const seed of [0n, 1n, 42n, -1n, 1n << 40n]) {
      const { rows } = await pool().query<{ h: string }>(
        `SELECT hashtextextended(t, $2)::text AS h FROM unnest($1::text[]) WITH ORDINALITY AS u(t, o) ORDER BY o`, [texts, seed.toString()]);
      const mismatches = texts.filter((t, i) => hashTextExtendedInt8(t, BigInt.asUintN(64, seed)).toString() !== rows[i]!.h);
      expect(mismatches).toEqual([]);
    }
  });
});
