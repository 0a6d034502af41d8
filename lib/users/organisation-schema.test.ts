import { describe, expect, it } from "vitest";
import en from "@/messages/en.json";
import zh from "@/messages/zh-CN.json";
import { fieldErrorsOf } from "@/lib/actions/staff-action-state";
import { updateOrganisationSchema } from "./schemas";

const O1 = "0a9b8c7d-6e5f-4a3b-8c2d-1e0f9a8b7c6d";
const errorsOf = (r: { success: boolean; error?: unknown }) => (r.success ? {} : fieldErrorsOf(r.error as never));

describe("updateOrganisationSchema", () => {
  it("merges ticked known keys and typed ones, without duplicates", () => {
    const r = updateOrganisationSchema.parse({
      orgId: O1,
      name: " China Merchants Bank ",
      kind: "bank",
      platformId: "",
      "rk.bank:CMB": "on",
      "rk.telecom:china_mobile": "on",
      "rk.bank:NOPE": "on", // not a known key: a crafted box is ignored
      "rk.platform:x": "on",
      extraKeys: "bank:cmb\nplatform:JD.com\r\n\n",
    });
    expect(r).toEqual({
      orgId: O1,
      name: "China Merchants Bank",
      kind: "bank",
      platformId: null,
      routeKeys: ["bank:CMB", "telecom:china_mobile", "platform:jd.com"],
    });
  });

  it("reads the linked platform as an id", () => {
    expect(
      updateOrganisationSchema.parse({ orgId: O1, name: "Shop", kind: "platform", platformId: "42" }).platformId,
    ).toBe(42);
  });

  it("reports each problem with a code the catalogues have", () => {
    const errors = errorsOf(
      updateOrganisationSchema.safeParse({
        orgId: "x",
        name: "",
        kind: "bank-ish",
        platformId: "-1",
        extraKeys: "bank:ICBC\nnot a key",
      }),
    );
    expect(errors).toEqual({
      orgId: "invalid",
      name: "required",
      kind: "invalidChoice",
      platformId: "invalidChoice",
    });
    expect(
      errorsOf(updateOrganisationSchema.safeParse({ orgId: O1, name: "Shop", kind: "bank", extraKeys: "nope" })),
    ).toEqual({
      extraKeys: "invalid",
    });
    const many = Array.from({ length: 51 }, (_, k) => `platform:shop ${k}`).join("\n");
    expect(
      errorsOf(updateOrganisationSchema.safeParse({ orgId: O1, name: "Shop", kind: "bank", extraKeys: many })),
    ).toEqual({
      extraKeys: "tooMany",
    });
    for (const code of ["invalid", "required", "invalidChoice", "tooMany", "tooLong"]) {
      expect(en.errors).toHaveProperty(code);
      expect(zh.errors).toHaveProperty(code);
    }
  });
});
