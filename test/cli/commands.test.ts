import { describe, expect, it } from "vitest";
import { COMMANDS } from "@/cli/main";
import { remoteFromEnv, withQuery } from "@/cli/remote";

/** Every command works against IN2_URL, or says exactly why it cannot (README: "Against a remote server"). */
describe("the in2 commands", () => {
  it("each have a remote path through the REST API or a reason they run only where the database is", () => {
    expect(COMMANDS.length).toBeGreaterThan(10);
    for (const cmd of COMMANDS) {
      const has = typeof cmd.remote === "function" || (typeof cmd.remoteUnavailable === "string" && cmd.remoteUnavailable.length > 20);
      expect(has, `in2 ${cmd.name}: give it a remote() or a remoteUnavailable reason`).toBe(true);
    }
    expect(COMMANDS.filter((c) => !c.remote).map((c) => c.name).sort()).toEqual(["audit", "license", "serve", "worker"]);
  });

  it("reads IN2_URL and IN2_TOKEN, and refuses a URL without a token", () => {
    expect(remoteFromEnv({})).toBeUndefined();
    expect(() => remoteFromEnv({ IN2_URL: "http://studio.example" })).toThrow(/IN2_TOKEN is not/);
    expect(remoteFromEnv({ IN2_URL: "http://studio.example//", IN2_TOKEN: "in2_x" })!.url).toBe("http://studio.example");
    expect(withQuery("/api/jobs", { kind: "generate", status: undefined, limit: 5 })).toBe("/api/jobs?kind=generate&limit=5");
  });
});
