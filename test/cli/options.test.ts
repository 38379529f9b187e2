import { describe, expect, it } from "vitest";
import { UsageError } from "@/cli/errors";
import { numberArg, numberOption, wholeOption } from "@/cli/options";

describe("numeric CLI options", () => {
  it("are undefined when not given and numbers when they are", () => {
    expect(numberOption({}, "short-ratio")).toBeUndefined();
    expect(numberOption({ "short-ratio": "0.25" }, "short-ratio")).toBe(0.25);
    expect(wholeOption({ limit: "50" }, "limit")).toBe(50);
    expect(numberArg("7", "the job id", { whole: true })).toBe(7);
  });

  it("refuse what is not a number with a usage error that names the option", () => {
    expect(() => numberOption({ "min-tokens": "4k" }, "min-tokens")).toThrow(new UsageError("--min-tokens must be a number"));
    expect(() => wholeOption({ tokens: "1.5" }, "tokens")).toThrow(new UsageError("--tokens must be a whole number"));
    expect(() => wholeOption({ "max-tokens": "-1" }, "max-tokens", 0)).toThrow(new UsageError("--max-tokens must be a whole number"));
    expect(() => numberArg("abc", "the job id", { whole: true })).toThrow(new UsageError("the job id must be a whole number"));
    expect(() => numberArg("abc", "the job id", { whole: true })).toThrow(UsageError);
  });
});
