import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { FormCard } from "./form-card";

const render = (error?: unknown) => renderToStaticMarkup(createElement(FormCard, {
  title: "Build a probing set", description: "Contexts filled to the budget", onSubmit: () => {}, error,
  after: createElement("p", null, "job #3 running"), children: createElement("input", { "aria-label": "Seed" }),
}));

describe("FormCard", () => {
  it("shows the title, the fields inside the form and what comes after it", () => {
    const html = render();
    expect(html).toContain("Build a probing set");
    expect(html).toMatch(/<form class="grid gap-3 p-4 sm:grid-cols-2"><input aria-label="Seed"\/><\/form><p>job #3 running<\/p>/);
  });

  it("shows the request's error under the fields", () => {
    expect(render(new Error("the set is being built"))).toMatch(/<input aria-label="Seed"\/><div class="sm:col-span-2">.*the set is being built.*<\/form>/);
  });
});
