import { beforeAll, describe, expect, it } from "vitest";
import { createSession, deleteSession, deleteUserSessions, sha256, SESSION_TOUCH_SECONDS, userForSession } from "@/lib/auth/sessions";
import { createUser } from "@/lib/auth/users";
import { pool } from "@/lib/db/client";
import { useTestDatabase } from "../support/db";

/** A session is checked on every request, but `last_seen_at` is written only when stale (SESSION_TOUCH_SECONDS). */
type Row = { xmin: string; lastSeen: Date; expires: Date };
const row = async (token: string): Promise<Row | undefined> =>
  (await pool().query<Row>(`SELECT xmin::text, last_seen_at AS "lastSeen", expires_at AS expires FROM session WHERE id = $1`, [sha256(token)])).rows[0];
const age = (token: string, lastSeen: string, expires?: string) =>
  pool().query(`UPDATE session SET last_seen_at = now() - $2::interval ${expires ? ", expires_at = now() + $3::interval" : ""} WHERE id = $1`,
    expires ? [sha256(token), lastSeen, expires] : [sha256(token), lastSeen]);

let userId: number;
beforeAll(async () => {
  await useTestDatabase();
  userId = (await createUser({ email: "touch@auth.test", role: "reviewer", password: "a long enough secret" })).id;
});

describe("session lookups", () => {
  it("do not write the session row while last_seen_at is fresh", async () => {
    const { token } = await createSession(userId);
    const before = (await row(token))!;
    for (let i = 0; i < 3; i++) expect((await userForSession(token))?.id).toBe(userId);
    const after = (await row(token))!;
    // same row version: no update, not even one that changed nothing
    expect(after.xmin).toBe(before.xmin);
    expect(after.lastSeen.getTime()).toBe(before.lastSeen.getTime());
  });

  it("write last_seen_at once it is older than the throttle, and extend a session seen again after 10 minutes", async () => {
    expect(SESSION_TOUCH_SECONDS).toBeLessThan(600);
    const { token } = await createSession(userId);
    await age(token, `${SESSION_TOUCH_SECONDS + 5} seconds`, "1 day");
    const stale = (await row(token))!;
    expect((await userForSession(token))?.id).toBe(userId);
    const touched = (await row(token))!;
    expect(touched.lastSeen.getTime()).toBeGreaterThan(stale.lastSeen.getTime() + (SESSION_TOUCH_SECONDS - 1) * 1000);
    // seen within 10 minutes: the expiry does not slide
    expect(touched.expires.getTime()).toBe(stale.expires.getTime());

    await age(token, "11 minutes", "1 day");
    expect((await userForSession(token))?.id).toBe(userId);
    const extended = (await row(token))!;
    expect(extended.expires.getTime()).toBeGreaterThan(Date.now() + 13 * 86_400_000);
  });

  it("refuse at once, inside the throttle window, a signed-out session, every session of a user, an expired one and a disabled or removed account", async () => {
    const check = async (token: string) => {
      // last_seen_at fresh: the lookup that refuses is one that would not have written
      expect(Date.now() - (await row(token))!.lastSeen.getTime()).toBeLessThan(SESSION_TOUCH_SECONDS * 1000);
    };
    const signedOut = (await createSession(userId)).token;
    expect(await userForSession(signedOut)).toBeDefined();
    await check(signedOut);
    await deleteSession(signedOut);
    expect(await userForSession(signedOut)).toBeUndefined();

    const everywhere = (await createSession(userId)).token;
    expect(await userForSession(everywhere)).toBeDefined();
    await deleteUserSessions(userId);
    expect(await userForSession(everywhere)).toBeUndefined();

    const expiring = (await createSession(userId)).token;
    expect(await userForSession(expiring)).toBeDefined();
    await check(expiring);
    await pool().query(`UPDATE session SET expires_at = now() - interval '1 second' WHERE id = $1`, [sha256(expiring)]);
    expect(await userForSession(expiring)).toBeUndefined();

    const live = (await createSession(userId)).token;
    expect(await userForSession(live)).toBeDefined();
    await check(live);
    // the account flags directly, sessions left in place: the lookup itself must refuse
    await pool().query(`UPDATE app_user SET disabled_at = now() WHERE id = $1`, [userId]);
    expect(await userForSession(live)).toBeUndefined();
    await pool().query(`UPDATE app_user SET disabled_at = NULL WHERE id = $1`, [userId]);
    expect((await userForSession(live))?.id).toBe(userId);
    await pool().query(`UPDATE app_user SET removed_at = now() WHERE id = $1`, [userId]);
    expect(await userForSession(live)).toBeUndefined();
    await pool().query(`UPDATE app_user SET removed_at = NULL WHERE id = $1`, [userId]);
  });
});
