import { afterEach, describe, expect, it } from "vitest";
import { env, resetEnvCache } from "./index";

function withEnv(vars: Record<string, string>, read: () => unknown) {
  const before = { ...process.env };
  Object.assign(process.env, vars);
  resetEnvCache();
  try {
    return read();
  } finally {
    process.env = before;
    resetEnvCache();
  }
}

afterEach(() => resetEnvCache());

describe("URL list settings", () => {
  it("ALLOWED_ORIGINS: comma- or space-separated origins, a trailing slash dropped", () => {
    expect(
      withEnv(
        { ALLOWED_ORIGINS: "https://a.example, http://b.example:8080/  https://c.example" },
        () => env().ALLOWED_ORIGINS,
      ),
    ).toEqual(["https://a.example", "http://b.example:8080", "https://c.example"]);
    expect(withEnv({ ALLOWED_ORIGINS: "" }, () => env().ALLOWED_ORIGINS)).toEqual([]);
  });

  it("ALLOWED_ORIGINS: a path, another scheme or no URL at all is refused by name", () => {
    for (const bad of ["https://a.example/app", "ftp://a.example", "a.example"])
      expect(() => withEnv({ ALLOWED_ORIGINS: bad }, () => env())).toThrow(
        new RegExp(`ALLOWED_ORIGINS: "${bad.replace(/[./]/g, "\\$&")}" is not an origin`),
      );
  });

  it("DATABASE_REPLICA_URLS: postgres URLs kept as written; anything else refused", () => {
    const urls = "postgres://app@replica-1:5432/app,postgresql://app@replica-2/app?sslmode=require";
    expect(withEnv({ DATABASE_REPLICA_URLS: urls }, () => env().DATABASE_REPLICA_URLS)).toEqual(urls.split(","));
    for (const bad of ["mysql://replica/app", "replica-1:5432"])
      expect(() => withEnv({ DATABASE_REPLICA_URLS: bad }, () => env())).toThrow(
        /DATABASE_REPLICA_URLS: a replica URL is not postgres/,
      );
  });
});
