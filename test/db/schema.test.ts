import fs from "node:fs";
import path from "node:path";
import { get_dmmf } from "@prisma/prisma-schema-wasm";
import { beforeAll, describe, expect, it } from "vitest";
import { pool } from "@/lib/db/client";
import { useTestDatabase } from "../support/db";

/**
 * The Prisma schema and the hand-written SQL migrations must describe the same database: every model's
 * table, every scalar field's column with its type and nullability, every enum with its values.
 */
interface DmmfField { name: string; dbName?: string | null; kind: string; type: string; isRequired: boolean; isList: boolean; nativeType?: [string, string[]] | null }
interface DmmfModel { name: string; dbName: string | null; fields: DmmfField[] }
interface Dmmf { datamodel: { models: DmmfModel[]; enums: { name: string; values: { name: string }[] }[] } }

const SCALAR_TO_PG: Record<string, string> = {
  Int: "int4", BigInt: "int8", String: "text", Boolean: "bool", Float: "float8", Json: "jsonb", DateTime: "timestamp", Bytes: "bytea",
};

function loadDmmf(): Dmmf {
  const dir = path.join(process.cwd(), "prisma", "schema");
  const files = fs.readdirSync(dir).filter((f) => f.endsWith(".prisma")).map((f) => [f, fs.readFileSync(path.join(dir, f), "utf8")]);
  return JSON.parse(get_dmmf(JSON.stringify({ prismaSchema: files }))) as Dmmf;
}

function expectedColumns(dmmf: Dmmf) {
  const enums = new Set(dmmf.datamodel.enums.map((e) => e.name));
  const out: string[] = [];
  for (const m of dmmf.datamodel.models) {
    for (const f of m.fields) {
      if (f.kind === "object") continue;
      let type = enums.has(f.type) ? f.type : SCALAR_TO_PG[f.type] ?? f.type;
      if (f.type === "DateTime" && f.nativeType?.[0] === "Timestamptz") type = "timestamptz";
      out.push(`${m.dbName ?? m.name}.${f.dbName ?? f.name}: ${f.isList ? "_" : ""}${type}${f.isRequired || f.isList ? " not null" : ""}`);
    }
  }
  return out.sort();
}

describe("schema.prisma and the SQL migrations", () => {
  beforeAll(async () => {
    await useTestDatabase();
  });

  it("define the same tables, columns, types and nullability", async () => {
    const dmmf = loadDmmf();
    const tables = dmmf.datamodel.models.map((m) => m.dbName ?? m.name);
    const { rows } = await pool().query<{ t: string; c: string; udt: string; nullable: string }>(
      `SELECT table_name t, column_name c, udt_name udt, is_nullable nullable FROM information_schema.columns
       WHERE table_schema = 'public' AND table_name = ANY($1)`, [tables]);
    const actual = rows.map((r) => {
      const list = r.udt.startsWith("_");
      // Postgres can't declare array elements NOT NULL; Prisma lists are required by definition.
      const notNull = r.nullable === "NO" || list;
      return `${r.t}.${r.c}: ${list ? "_" : ""}${list ? r.udt.slice(1) : r.udt}${notNull ? " not null" : ""}`;
    }).sort();
    expect(actual).toEqual(expectedColumns(dmmf));
  });

  it("define the same enums", async () => {
    const dmmf = loadDmmf();
    const { rows } = await pool().query<{ name: string; values: string[] }>(
      `SELECT t.typname::text AS name, array_agg(e.enumlabel::text ORDER BY e.enumsortorder) AS values
       FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid GROUP BY t.typname`);
    const actual = Object.fromEntries(rows.map((r) => [r.name, r.values]));
    const expected = Object.fromEntries(dmmf.datamodel.enums.map((e) => [e.name, e.values.map((v) => v.name)]));
    expect(actual).toEqual(expected);
  });

  it("create every unique constraint the schema declares", async () => {
    const dmmf = loadDmmf() as Dmmf & { datamodel: { models: (DmmfModel & { uniqueFields: string[][]; primaryKey: { fields: string[] } | null })[] } };
    const { rows } = await pool().query<{ t: string; cols: string[] }>(
      `SELECT c.relname::text t, array_agg(a.attname::text ORDER BY k.ord) cols
       FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid
       JOIN LATERAL unnest(i.indkey) WITH ORDINALITY k(attnum, ord) ON true
       JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = k.attnum
       WHERE i.indisunique GROUP BY i.indexrelid, c.relname`);
    const have = new Set(rows.map((r) => `${r.t}(${r.cols.join(",")})`));
    for (const m of dmmf.datamodel.models) {
      const col = (n: string) => m.fields.find((f) => f.name === n)?.dbName ?? n;
      const uniques = [...m.uniqueFields, ...m.fields.filter((f) => (f as DmmfField & { isUnique: boolean }).isUnique).map((f) => [f.name])];
      for (const u of uniques) expect(have, `${m.name} @unique(${u})`).toContain(`${m.dbName}(${u.map(col).join(",")})`);
    }
  });
});
