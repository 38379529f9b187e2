import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { DataTable } from "./table";

describe("DataTable", () => {
  it("renders the header cells (plain, with classes, empty), the table's own attributes and the rows", () => {
    const html = renderToStaticMarkup(createElement(DataTable, {
      columns: ["Name", { label: "Actions", className: "text-right" }, ""], className: "w-full min-w-[640px] text-sm", id: "users",
      children: createElement("tbody", null, createElement("tr", null, createElement("td", null, "Ada"))),
    }));
    expect(html).toBe('<div class="overflow-x-auto"><table id="users" class="w-full min-w-[640px] text-sm">'
      + '<thead class="text-left text-xs text-zinc-500"><tr class="border-b border-zinc-100 dark:border-zinc-800">'
      + '<th class="px-4 py-2 font-medium">Name</th><th class="px-4 py-2 font-medium text-right">Actions</th><th></th></tr></thead>'
      + "<tbody><tr><td>Ada</td></tr></tbody></table></div>");
  });
});
