import AxeBuilder from "@axe-core/playwright";
import { test, expect, messages } from "./staff-fixtures";
import { importBridgedCase } from "./case-data";

// A case held together by a partial-account bridge ("尾号NNNN 萧某敏" in one
// half, the full account paid to 萧某敏 in the other) is one graph on its page:
// the bridge edge is drawn, and listed in the graph's text alternative.
for (const locale of ["zh-CN", "en"] as const) {
  test(`the case page draws and lists the bridge that holds a case together (${locale})`, async ({
    signedInAs,
    db,
  }) => {
    const g = messages[locale].caseGraph;
    const data = await importBridgedCase(db);
    const { page } = await signedInAs("investigator", locale);
    await page.goto(`/${locale}/staff/cases/${data.caseNumber}`);

    // What cytoscape holds once drawn (the canvas has no DOM of its own).
    const graph = page.locator("#graph").getByRole("img");
    await expect(graph).toHaveAttribute("data-drawn", "true");
    await expect(graph).toHaveAttribute("data-drawn-bridges", "1");
    await expect(graph).toHaveAttribute("data-drawn-names", "6");
    await expect(graph).toHaveAttribute("data-drawn-islands", "1");
    await expect(graph.locator("canvas").first()).toBeVisible();
    // Its name says the same.
    await expect(graph).toHaveAttribute("aria-label", locale === "en" ? /1 bridge\b/ : /桥接 1 条/);
    await expect(graph).toHaveAttribute(
      "aria-label",
      locale === "en" ? /All reports are connected/ : /所有报案相互关联/,
    );
    await expect(page.getByText(g.bridge, { exact: true })).toBeVisible(); // legend

    // The text alternative opens from the keyboard.
    const summary = page.getByText(g.linksTitle, { exact: true });
    await summary.focus();
    await expect(summary).toBeFocused();
    await page.keyboard.press("Enter");
    const bridges = page.getByRole("list", { name: g.bridgesHeading });
    await expect(bridges).toBeVisible();
    await expect(bridges.getByRole("listitem")).toHaveCount(1);
    const [a, b] = [data.partial, data.full].sort();
    const bridge = (await bridges.getByRole("listitem").innerText()).split(" ↔ ").sort();
    expect(bridge).toEqual([a, b]);
    // Both accounts and both phones link reports.
    const shared = page.getByRole("list", { name: g.sharedHeading });
    await expect(shared.getByRole("listitem")).toHaveCount(4);
    await expect(shared).toContainText(data.partial);
    await expect(shared).toContainText(data.full);
    await expect(page.getByRole("list", { name: g.mustLinksHeading })).toHaveCount(0);

    const axe = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
    expect(
      axe.violations
        .filter((v) => v.impact === "serious" || v.impact === "critical")
        .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`),
    ).toEqual([]);
  });
}
