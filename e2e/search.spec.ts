import { expect, test, type APIRequestContext } from "@playwright/test";
import { E2E_ADMIN } from "./global-setup";
import { open, snap } from "./support/app";


const ORIGIN = { origin: `http://127.0.0.1:${process.env.IN2_E2E_PORT ?? 3123}` }; // the CSRF check wants it on writes

interface Corpus { id: number; name: string; shortDocuments: number }

async function demoCorpus(request: APIRequestContext): Promise<Corpus> {
  const list = async () => ((await (await request.get("/api/corpora")).json()) as { corpora: (Corpus & { segmentCount: number })[] }).corpora;
  let found = (await list()).find((c) => c.name === "c4-realnewslike-demo" && c.segmentCount > 0);
  if (!found) {
    const { jobId } = await (await request.post("/api/imports/demo", { headers: ORIGIN })).json() as { jobId: number };
    await expect.poll(async () => ((await (await request.get(`/api/jobs/${jobId}`)).json()) as { status: string }).status, { timeout: 120_000 }).toBe("succeeded");
    found = (await list()).find((c) => c.name === "c4-realnewslike-demo")!;
  }
  return found;
}

test.beforeEach(async ({ page, baseURL }) => {
  const res = await page.request.post("/api/auth/login", { data: E2E_ADMIN, headers: { origin: baseURL ?? "" } });
  expect(res.ok()).toBe(true);
});

test("8 · search hits are highlighted in segments, documents and pairs, and stemming is explained", async ({ page }) => {
  test.setTimeout(180_000);
  const corpus = await demoCorpus(page.request);
  await open(page, `/segments?corpusId=${corpus.id}&q=Salzburg`);
  const rows = page.getByRole("list", { name: "Segments" }).getByRole("listitem");
  await expect(rows.first()).toBeVisible();
  // every listed segment shows why it matched: a marked word, even when the word sits deep in the segment
  for (const row of await rows.all()) await expect(row.locator("mark").first()).toHaveText(/salzburg/i);
  const hint = page.getByTestId("search-hint");
  await expect(hint).toContainText("English word stems");
  await expect(hint).toContainText("salzburg");
  await snap(page, "f-search-segments");

  // a stemmed hit: "hurricanes" finds and marks "hurricane"
  await open(page, `/documents?corpusId=${corpus.id}&q=hurricanes`);
  const first = page.getByRole("table").locator("tbody tr").first();
  await expect(first.locator("mark").first()).toHaveText(/^hurricane/i);
  await expect(page.getByTestId("search-hint")).toContainText("hurrican");
  await snap(page, "f-search-documents");

  const { items } = await (await page.request.get("/api/pairs?limit=1")).json() as { items: { question: string }[] };
  test.skip(items.length === 0, "no pairs in this database yet");
  const word = (items[0]!.question.match(/[A-Za-z]{6,}/g) ?? ["question"])[0]!;
  await open(page, `/pairs?q=${encodeURIComponent(word)}`);
  await expect(page.getByRole("row", { name: /^Pair #\d+/ }).first().locator("mark").first()).toBeVisible();
  await page.setViewportSize({ width: 420, height: 900 });
  await snap(page, "f-search-pairs-narrow");
});

test("11 · documents shorter than 128 tokens are labelled as kept whole and counted on the corpus page", async ({ page }) => {
  const corpus = await demoCorpus(page.request);
  const short = await (await page.request.get(`/api/segments?corpusId=${corpus.id}&maxTokens=127&limit=500`)).json() as { items: { documentId: number; tokenCount: number }[] };
  expect(short.items.length).toBeGreaterThan(0);
  await open(page, "/corpora");
  await expect(page.getByTestId(`short-documents-${corpus.id}`)).toHaveText(String(short.items.length));
  await expect(page.getByRole("columnheader", { name: /Kept whole/ })).toBeVisible();
  await snap(page, "f-corpora-kept-whole");

  await page.getByTestId(`short-documents-${corpus.id}`).getByRole("link").click();
  await expect(page).toHaveURL(/maxTokens=127/);
  await expect(page.getByRole("list", { name: "Segments" }).getByText("whole document").first()).toBeVisible();

  await open(page, `/documents/${short.items[0]!.documentId}`);
  await expect(page.getByText("kept whole: shorter than 128 tokens")).toBeVisible();
  await expect(page.getByText("≥128 tokens each")).toHaveCount(0);
  await expect(page.getByText(/shorter than 128 tokens, so the IN2 recipe keeps it whole/)).toBeVisible();
  await snap(page, "f-document-kept-whole");
});
