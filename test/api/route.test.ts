import { NextRequest } from "next/server";
import { beforeAll, describe, expect, it } from "vitest";
import { GET as getDocument } from "@/app/api/documents/[id]/route";
import { GET as listSegments } from "@/app/api/segments/route";
import { POST as startImport } from "@/app/api/imports/route";
import { signedIn } from "../support/auth";
import { useTestDatabase } from "../support/db";

/** Every API error has one shape, `{ "error": { "code", "message" } }`, with a matching status. */
const ctx = (params: Record<string, string> = {}) => ({ params: Promise.resolve(params) });
let req: (url: string, init?: { method?: string; body?: string }) => NextRequest;

beforeAll(async () => {
  await useTestDatabase();
  req = (await signedIn("curator")).request;
});

describe("API errors", () => {
  it("answers 400 with the field at fault for a bad query", async () => {
    const res = await listSegments(req("/api/segments?limit=abc"), ctx());
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.error.code).toBe("bad_request");
    expect(body.error.message).toMatch(/query\.limit/);
  });

  it("answers 404 for a document that does not exist", async () => {
    const res = await getDocument(req("/api/documents/999999"), ctx({ id: "999999" }));
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: { code: "not_found", message: "document 999999 does not exist" } });
  });

  it("answers 400 for a body that is not JSON, and for an upload that does not exist", async () => {
    const notJson = await startImport(req("/api/imports", { method: "POST", body: "{nope" }), ctx());
    expect(notJson.status).toBe(400);
    expect((await notJson.json()).error.message).toBe("the request body is not valid JSON");
    const missing = await startImport(req("/api/imports", { method: "POST", body: JSON.stringify({ corpus: "x", uploads: ["abc-def-x.jsonl"] }) }), ctx());
    expect(missing.status).toBe(404);
    expect((await missing.json()).error.code).toBe("not_found");
  });

  it("answers 200 with a keyset page for a good query", async () => {
    const res = await listSegments(req("/api/segments?limit=5"), ctx());
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ items: [], next: null });
  });
});

describe("who did it", () => {
  it("a job records the signed-in user who started it", async () => {
    const { POST: demo } = await import("@/app/api/imports/demo/route");
    const { pool } = await import("@/lib/db/client");
    const { stopBoss } = await import("@/lib/jobs/queue");
    const curator = await signedIn("curator", "jobs-curator@test.in2");
    const res = await demo(curator.request("/api/imports/demo", { method: "POST" }), ctx());
    expect(res.status).toBe(200);
    const { jobId } = await res.json();
    const { rows } = await pool().query<{ created_by_id: number }>(`SELECT created_by_id FROM job WHERE id = $1`, [jobId]);
    expect(rows[0]!.created_by_id).toBe(curator.user.id);
    await stopBoss();
  });
});
