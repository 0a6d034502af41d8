import { expect, it } from "vitest";
import { cleanInput } from "./clean-input";

it("cleans every string of a nested input and names refused ones by path", () => {
  const r = cleanInput(
    {
      narrative: "line 1\r\nline 2\t\u202Eend",
      consent: true,
      payments: [{ payeeName: "Xiao\tMomin" }, { payeeName: "Xiao\u0000Momin", amount: "40\u0085" }],
    },
    { multiline: ["narrative"] },
  );
  expect(r.value).toEqual({
    narrative: "line 1\r\nline 2\tend",
    consent: true,
    payments: [{ payeeName: "Xiao Momin" }, { payeeName: "XiaoMomin", amount: "40" }],
  });
  expect(r.problems).toEqual({ "payments.1.payeeName": "controlChars", "payments.1.amount": "controlChars" });
});
