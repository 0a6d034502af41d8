import { describe, expect, it } from "vitest";
import { isUuid, uuidV5 } from "./uuid";

const DNS = "6ba7b810-9dad-11d1-80b4-00c04fd430c8"; // RFC 4122 appendix C

describe("uuidV5", () => {
  it("matches the published vectors", () => {
    // Python: uuid.uuid5(uuid.NAMESPACE_DNS, "www.example.com"), uuid.uuid5(uuid.NAMESPACE_DNS, "python.org")
    expect(uuidV5(DNS, "www.example.com")).toBe("2ed6657d-e927-568b-95e1-2665a8aea6a2");
    expect(uuidV5(DNS, "python.org")).toBe("886313e1-3b8a-5372-9b90-0c9aee199e5d");
  });

  it("is stable, version 5 and differs per name", () => {
    const a = uuidV5(DNS, "C-2026-00042");
    expect(uuidV5(DNS, "C-2026-00042")).toBe(a);
    expect(uuidV5(DNS, "C-2026-00043")).not.toBe(a);
    expect(isUuid(a)).toBe(true);
    expect(a[14]).toBe("5");
    expect(() => uuidV5("nope", "x")).toThrow();
  });
});
