import { describe, expect, it } from "vitest";
import { decodeHtmlEntities, decodeWebEntities } from "./entities";

describe("HTML entities at import", () => {
  it("decodes named, decimal and hex references once", () => {
    expect(decodeHtmlEntities("It isn&apos;t AT&amp;T&#8217;s &quot;plan&quot; &#x2014; 5&nbsp;km")).toBe("It isn't AT&T’s \"plan\" — 5\u00a0km");
    expect(decodeHtmlEntities("&amp;lt;b&amp;gt;")).toBe("&lt;b&gt;");
  });

  it("leaves text that is no reference as written", () => {
    for (const s of ["Q&A", "R&D; costs", "&unknown;", "&#0;", "&#xD800;", "&#99999999;", "a & b", "&amp"]) expect(decodeHtmlEntities(s)).toBe(s);
  });

  it("decodes web records (JSON Lines, Parquet) and keeps plain-text files as written", () => {
    expect(decodeWebEntities("isn&apos;t", "news.jsonl.gz")).toBe("isn't");
    expect(decodeWebEntities("isn&apos;t", "crawl-00001.parquet")).toBe("isn't");
    expect(decodeWebEntities("isn&apos;t", "notes.md")).toBe("isn&apos;t");
    expect(decodeWebEntities("isn&apos;t", "book.txt")).toBe("isn&apos;t");
  });
});
