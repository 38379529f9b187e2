import { describe, expect, it } from "vitest";
import { fmtBytes } from "./format";

describe("fmtBytes", () => {
  it("rounds a rate below 1 KB to whole bytes (a job's B/s is a fraction)", () => {
    expect(fmtBytes(307.07762557077626)).toBe("307 B");
    expect(fmtBytes(0)).toBe("0 B");
  });
  it("uses binary units with one decimal below 10", () => {
    expect(fmtBytes(1536)).toBe("1.5 KB");
    expect(fmtBytes(200 * 1024 * 1024)).toBe("200 MB");
  });
});
