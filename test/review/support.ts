import { createSession, SESSION_COOKIE } from "@/lib/auth/sessions";
import type { Role } from "@/lib/auth/roles";
import { createUser } from "@/lib/auth/users";
import { importFiles } from "@/lib/corpus/importer";
import { DEMO_CORPUS, demoFile } from "@/lib/corpus/demo";
import { seedReviewPairs } from "@/test/support/review-seed";

/** The demo corpus (1,000 real C4 documents) plus corpus-real pairs, the way the e2e seed and a user get them. */
export async function seedDemo(count: number) {
  const summary = await importFiles({ corpus: DEMO_CORPUS, files: [{ path: demoFile() }] });
  const seeded = await seedReviewPairs(summary.corpusId, count);
  return { corpusId: summary.corpusId, ...seeded };
}

/** A signed-in caller for the route handlers (they require a role): the session cookie header and the user. */
export async function signedIn(role: Role, email = `${role}@review.test`) {
  const user = await createUser({ email, role, password: "review test password" });
  return { user, cookie: `${SESSION_COOKIE}=${(await createSession(user.id)).token}` };
}
