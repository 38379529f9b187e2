import { NextRequest } from "next/server";
import { beforeAll, describe, expect, it } from "vitest";
import { GET as getViewRoute } from "@/app/api/views/[id]/route";
import { POST as saveRoute } from "@/app/api/views/route";
import { deleteView, listViews } from "@/lib/review-team/views";
import { useTestDatabase } from "../support/db";
import { signedIn } from "../review/support";

beforeAll(async () => { await useTestDatabase(); });

describe("saved views", () => {
  it("saves a named filter that anyone signed in opens by id; bad filters are refused; only the author or a curator deletes", async () => {
    const ann = await signedIn("reviewer", "ann@views.test");
    const viewer = await signedIn("viewer", "vi@views.test");
    const post = (body: unknown, cookie = ann.cookie) => saveRoute(new NextRequest("http://local/api/views", { method: "POST", body: JSON.stringify(body),
      headers: { cookie, origin: "http://local", "content-type": "application/json" } }), { params: Promise.resolve({}) });
    const res = await post({ name: "flagged multi, gpt-4o-mini", filter: { status: "flagged", type: "multi", model: "gpt-4o-mini", sort: "score_asc" } });
    expect(res.status).toBe(200);
    const v = (await res.json()) as { id: number };
    const seen = await getViewRoute(new NextRequest(`http://local/api/views/${v.id}`, { headers: { cookie: viewer.cookie } }), { params: Promise.resolve({ id: String(v.id) }) });
    expect(await seen.json()).toMatchObject({ name: "flagged multi, gpt-4o-mini", filter: { status: "flagged", type: "multi", model: "gpt-4o-mini", sort: "score_asc" }, author: "ann" });
    expect((await post({ name: "bad", filter: { status: "maybe" } })).status).toBe(400);
    expect((await post({ name: "unknown key", filter: { colour: "red" } })).status).toBe(400);
    expect((await post({ name: "x", filter: {} }, viewer.cookie)).status).toBe(403);
    const bob = await signedIn("reviewer", "bob@views.test");
    await expect(deleteView(v.id, bob.user)).rejects.toMatchObject({ code: "not_found" });
    expect(await deleteView(v.id, ann.user)).toEqual({ deleted: v.id });
    expect(await listViews()).toEqual([]);
  });
});
