import { describe, expect, it } from "vitest";
import { bodyLimitFor, portalAnswerBodyBytes, reportBodyBytes, SMALL_BODY_BYTES } from "./body-limit";

describe("bodyLimitFor", () => {
  it("the report form takes its evidence allowance", () => {
    expect(bodyLimitFor("/zh-CN/report")).toEqual({ bytes: reportBodyBytes(), reportForm: true });
  });

  it("a liaison's request page takes one attachment (its answer form), more than a text form, less than a report", () => {
    for (const p of ["/en/portal/requests/Q-2026-000123", "/zh-CN/portal/requests/Q-2026-000123/"])
      expect(bodyLimitFor(p)).toEqual({ bytes: portalAnswerBodyBytes(), reportForm: false });
    expect(portalAnswerBodyBytes()).toBeGreaterThan(SMALL_BODY_BYTES);
    expect(portalAnswerBodyBytes()).toBeLessThan(reportBodyBytes());
  });

  it("a victim's status page for their report takes evidence (its add-information form), without the report limit", () => {
    for (const p of ["/en/status/report", "/zh-CN/status/report/"])
      expect(bodyLimitFor(p)).toEqual({ bytes: reportBodyBytes(), reportForm: false });
    for (const p of ["/en/status", "/en/status/report/x"]) expect(bodyLimitFor(p).bytes).toBe(SMALL_BODY_BYTES);
  });

  it("everything else, the inbox and deeper paths included, is a small text body", () => {
    for (const p of [
      "/en/portal",
      "/en/portal/requests",
      "/en/portal/requests/Q-1/x",
      "/fr/portal/requests/Q-1",
      "/api/x",
    ])
      expect(bodyLimitFor(p)).toEqual({ bytes: SMALL_BODY_BYTES, reportForm: false });
  });
});
