import { describe, expect, it } from "vitest";
import { catalogues } from "@/messages";
import { lookupPageLocale, tooManyLookups } from "./too-many";

describe("the lookup's 429 page", () => {
  it("counts only the lookup page with a query", () => {
    const q = (s: string) => new URLSearchParams(s);
    expect(lookupPageLocale("/en/lookup", q("q=95311"))).toBe("en");
    expect(lookupPageLocale("/zh-CN/lookup/", q("q=95311"))).toBe("zh-CN");
    expect(lookupPageLocale("/en/lookup", q(""))).toBeNull();
    expect(lookupPageLocale("/en/lookup", q("q=%20%20"))).toBeNull();
    expect(lookupPageLocale("/en/report", q("q=1"))).toBeNull();
    expect(lookupPageLocale("/lookup", q("q=1"))).toBeNull();
  });

  it("is translated, says when to retry and sends Retry-After", async () => {
    for (const locale of ["en", "zh-CN"] as const) {
      const res = tooManyLookups(locale, 42);
      expect(res.status).toBe(429);
      expect(res.headers.get("retry-after")).toBe("42");
      expect(res.headers.get("cache-control")).toBe("no-store");
      const html = await res.text();
      expect(html).toContain(`<html lang="${locale}">`);
      expect(html).toContain(`<title>${catalogues[locale].lookup.tooManyTitle}</title>`);
      expect(html).toContain("42");
      expect(html).not.toContain("<script");
    }
  });
});
