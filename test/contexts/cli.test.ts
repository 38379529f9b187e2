import { beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../support/cli";
import { useTestDatabase } from "../support/db";
import { importDemo, seedAssemblyPairs } from "./support";

beforeAll(async () => {
  await useTestDatabase();
  const corpusId = await importDemo();
  await seedAssemblyPairs(corpusId, 12);
  await seedAssemblyPairs(corpusId, 5, "pending");
});

describe("in2 assemble", () => {
  it("--wait assembles the accepted pairs in-process: JSON summary on stdout, progress on stderr", async () => {
    const r = await runCli(["assemble", "--min-tokens", "2048", "--max-tokens", "6144", "--short-ratio", "0.2", "--seed", "7", "--wait"]);
    expect(r.code, r.stderr).toBe(0);
    const out = r.json as { status: string; requested: number; assembled: number; long: number; short: number; runId: number;
      decontamination: { checked: number; contaminatedTotal: number }[] };
    expect(out).toMatchObject({ status: "succeeded", requested: 12, assembled: 12 });
    expect(out.long + out.short).toBe(12);
    expect(out.decontamination[0]!.checked).toBe(1000);
    expect(r.stdout.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).toMatch(/assembling 12 pairs: 2048–6144 tokens/);
  });

  it("selects by status and type, and refuses bad options with exit code 2", async () => {
    const multi = await runCli(["assemble", "--status", "any", "--type", "multi", "--min-tokens", "2048", "--max-tokens", "4096", "--wait"]);
    expect(multi.code, multi.stderr).toBe(0);
    expect((multi.json as { requested: number }).requested).toBeGreaterThan(0);
    expect((multi.json as { requested: number }).requested).toBeLessThan(17);
    const bad = await runCli(["assemble", "--min-tokens", "9000", "--max-tokens", "4096"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/min tokens must not exceed max tokens/);
  });
});
