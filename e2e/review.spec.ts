import { execFileSync } from "node:child_process";
import { expect, test, type Page } from "@playwright/test";
import { open, snap } from "./support/app";

test.describe.configure({ mode: "serial" });

interface Pair { id: number; status: string; version: number; question: string; answer: string; edited: boolean; original: { question: string } }

/** The demo corpus and 40 corpus-real pairs, written into the running server's database by the CLI-style seed. */
test.beforeAll(() => {
  const env: NodeJS.ProcessEnv = { ...process.env, IN2_DATA_DIR: process.env.IN2_E2E_DATA_DIR };
  delete env.DATABASE_URL;
  const out = execFileSync(process.execPath, ["--import", "tsx", "test/review/seed-e2e.ts", "40"], { env, encoding: "utf8", timeout: 120_000 });
  expect(JSON.parse(out.trim().split("\n").pop() ?? "{}").ids).toHaveLength(40);
});

const shown = (page: Page) => page.getByTestId("review-pair");
const shownId = async (page: Page) => Number(await shown(page).getAttribute("data-pair-id"));
const pair = async (page: Page, id: number) => (await (await page.request.get(`/api/pairs/${id}`)).json()) as Pair;
/** Another reviewer's write, straight to the API (same origin, as a browser would send it). */
const patchAsOther = (page: Page, id: number, data: object) =>
  page.request.patch(`/api/pairs/${id}`, { data, headers: { origin: new URL(page.url()).origin } });
const status = (page: Page, id: number) => expect.poll(async () => (await pair(page, id)).status);

async function press(page: Page, key: string) {
  const before = await shownId(page);
  await page.keyboard.press(key);
  await expect(shown(page)).not.toHaveAttribute("data-pair-id", String(before));
  return before;
}

test("a accepts, x rejects, f flags, space skips; u and Backspace undo in order", async ({ page }) => {
  await open(page, "/review");
  await expect(shown(page)).toBeVisible();
  await expect(page.getByRole("toolbar", { name: "Review actions" })).toContainText("Accept");
  await expect(page.getByTestId("evidence-piece").first().locator("mark").first()).toBeVisible();
  await snap(page, "review");

  const accepted = await press(page, "a");
  const rejected = await press(page, "x");
  const flagged = await press(page, "f");
  const skipped = await press(page, " ");
  await status(page, accepted).toBe("accepted");
  await status(page, rejected).toBe("rejected");
  await status(page, flagged).toBe("flagged");
  await status(page, skipped).toBe("pending");

  await page.keyboard.press("u");
  await expect(shown(page)).toHaveAttribute("data-pair-id", String(skipped));
  await page.keyboard.press("Backspace");
  await expect(shown(page)).toHaveAttribute("data-pair-id", String(flagged));
  await status(page, flagged).toBe("pending");
  await page.keyboard.press("u");
  await expect(shown(page)).toHaveAttribute("data-pair-id", String(rejected));
  await status(page, rejected).toBe("pending");
  await expect(page.getByTestId("review-notice")).toContainText(`Undid reject on pair #${rejected}`);
  await page.keyboard.press("u");
  await expect(shown(page)).toHaveAttribute("data-pair-id", String(accepted));
  await status(page, accepted).toBe("pending");
  const history = await (await page.request.get(`/api/pairs/${accepted}/history`)).json() as { events: { kind: string; actorId: number }[] };
  expect(history.events.map((e) => e.kind).slice(0, 2)).toEqual(["undo", "status"]);
  expect(history.events.at(-1)!.kind).toBe("created");
  // every change is attributed to the signed-in reviewer
  const me = await (await page.request.get("/api/auth/me")).json() as { user: { id: number } };
  expect(history.events[0]!.actorId).toBe(me.user.id);
});

test("undo remembers the last 10 decisions, newest first", async ({ page }) => {
  await open(page, "/review");
  await expect(shown(page)).toBeVisible();
  const ids: number[] = [];
  for (let i = 0; i < 11; i++) ids.push(await press(page, "a"));
  for (const id of ids.slice(1).reverse()) {
    await page.keyboard.press("u");
    await expect(shown(page)).toHaveAttribute("data-pair-id", String(id));
  }
  await page.keyboard.press("u");
  await expect(page.getByTestId("review-notice")).toHaveText("Nothing to undo.");
  await status(page, ids[1]!).toBe("pending");
  await status(page, ids[0]!).toBe("accepted");
});

test("e edits in place: keys are plain typing in the fields, Esc cancels, Enter saves, the diff and original stay", async ({ page }) => {
  await open(page, "/review");
  const id = await shownId(page);
  const before = await pair(page, id);
  await page.keyboard.press("e");
  const question = page.getByRole("textbox", { name: "Question" });
  await expect(question).toBeFocused();
  await question.press("Control+End");
  await page.keyboard.type(" axfu ?");
  await page.keyboard.press("Backspace");
  await expect(question).toHaveValue(`${before.question} axfu `);
  expect((await pair(page, id)).status).toBe("pending");
  await page.keyboard.press("Escape");
  await expect(page.getByRole("form", { name: "Edit pair" })).toHaveCount(0);
  await expect(page.getByTestId("pair-question")).toHaveText(before.question);

  await page.keyboard.press("e");
  await page.getByRole("textbox", { name: "Answer" }).fill("The meeting was postponed, and a new vote is set for next week.");
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("pair-answer")).toHaveText("The meeting was postponed, and a new vote is set for next week.");
  await expect(page.getByTestId("edit-diff")).toBeVisible();
  await expect(shown(page)).toHaveAttribute("data-pair-id", String(id));
  const saved = await pair(page, id);
  expect(saved).toMatchObject({ edited: true, status: "pending", version: before.version + 1 });
  expect(saved.original.question).toBe(before.question);
  await snap(page, "review-edited");

  await page.keyboard.press("u");
  await expect(page.getByTestId("pair-answer")).toHaveText(before.answer);
  await expect.poll(async () => (await pair(page, id)).answer).toBe(before.answer);
});

test("a save that lost the race shows the other change and lets the reviewer choose", async ({ page }) => {
  await open(page, "/review");
  const id = await shownId(page);
  const before = await pair(page, id);
  await page.keyboard.press("e");
  await page.getByRole("textbox", { name: "Answer" }).fill("My answer, written while someone else saved.");
  const other = await patchAsOther(page, id, { version: before.version, answer: "Their answer, saved first." });
  expect(other.status()).toBe(200);
  await page.keyboard.press("Enter");
  const panel = page.getByRole("alert", { name: "Edit conflict" });
  await expect(panel).toContainText("Someone else changed pair");
  await expect(panel.getByTestId("conflict-theirs")).toHaveText("Their answer, saved first.");
  await snap(page, "review-conflict");
  await panel.getByRole("button", { name: "Apply my edit on top" }).click();
  await expect(page.getByTestId("pair-answer")).toHaveText("My answer, written while someone else saved.");
  expect((await pair(page, id)).version).toBe(before.version + 2);
});

test("a refused decision is rolled back with a visible message", async ({ page }) => {
  await open(page, "/review");
  const id = await shownId(page);
  const { version } = await pair(page, id);
  expect((await patchAsOther(page, id, { version, status: "flagged" })).status()).toBe(200);
  await page.keyboard.press("a");
  await expect(page.getByTestId("review-notice")).toContainText(`Pair #${id} was changed by someone else (now flagged`);
  await expect(shown(page)).toHaveAttribute("data-pair-id", String(id));
  expect((await pair(page, id)).status).toBe("flagged");
});

test("? lists the keys; ? or Esc closes the list", async ({ page }) => {
  await open(page, "/review");
  await expect(shown(page)).toBeVisible();
  const id = await shownId(page);
  await page.keyboard.press("?");
  const help = page.getByRole("dialog", { name: "Keyboard shortcuts" });
  await expect(help).toBeVisible();
  await expect(help).toContainText("Undo the last action");
  await page.keyboard.press("a");
  await expect(shown(page)).toHaveAttribute("data-pair-id", String(id));
  await page.keyboard.press("?");
  await expect(help).toBeHidden();
  await page.keyboard.press("?");
  await expect(help).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(help).toBeHidden();
});

test("the table filters through the URL and bulk-flags everything matching after a confirmation", async ({ page }) => {
  await open(page, "/pairs?status=pending&flag=meta_phrase");
  await expect(page.getByRole("combobox", { name: "Quality flag" })).toHaveValue("meta_phrase");
  const rows = page.getByRole("table", { name: "Pairs" }).getByRole("row");
  await expect(rows.nth(1)).toContainText("Meta phrase");
  const count = Number((await page.getByRole("button", { name: "Flag all…" }).evaluate((b) => b.parentElement?.textContent ?? "")).match(/All ([\d,]+) matching/)?.[1]?.replace(/,/g, ""));
  expect(count).toBeGreaterThan(0);
  await snap(page, "pairs");
  await page.getByRole("button", { name: "Flag all…" }).click();
  await expect(page.getByRole("alertdialog", { name: "Confirm bulk action" })).toContainText(`Flag all ${count} pairs matching`);
  await page.getByRole("button", { name: `Yes, flag ${count}` }).click();
  await expect(page.getByRole("status").filter({ hasText: `${count} of ${count} matching pairs changed` })).toBeVisible();
  await expect(page.getByText("No pairs match")).toBeVisible();

  await page.getByRole("combobox", { name: "Status" }).selectOption("flagged");
  await expect(page).toHaveURL(/status=flagged/);
  await rows.nth(1).click();
  await expect(page).toHaveURL(/open=\d+/);
  const drawer = page.getByRole("dialog", { name: /Pair #\d+/ });
  await expect(drawer.getByRole("list", { name: "History" })).toContainText("bulk action");
  await snap(page, "pairs-drawer");
  await page.setViewportSize({ width: 390, height: 844 });
  await snap(page, "pairs-narrow");
  await open(page, "/review");
  await expect(shown(page)).toBeVisible();
  await snap(page, "review-narrow");
});
