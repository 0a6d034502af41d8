import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { CYTOSCAPE_STYLE, NO_CONTENT_CSP, newNonce, pageCsp, staticPageCsp } from "./csp";

const require = createRequire(import.meta.url);
// The function Next.js uses to find the nonce in the request's policy.
const { getScriptNonceFromHeader } = require("next/dist/server/app-render/get-script-nonce-from-header") as {
  getScriptNonceFromHeader: (csp: string) => string | undefined;
};

function directives(csp: string): Map<string, string[]> {
  return new Map(
    csp.split(";").map((d) => {
      const [name, ...values] = d.trim().split(/\s+/);
      return [name!, values];
    }),
  );
}

describe("page policy", () => {
  const nonce = newNonce();
  const csp = directives(pageCsp(nonce, { https: false }));

  it("runs only scripts carrying this request's nonce, and no inline handlers", () => {
    expect(csp.get("script-src")).toEqual(["'self'", `'nonce-${nonce}'`, "'strict-dynamic'"]);
    expect(csp.get("script-src-attr")).toEqual(["'none'"]);
    expect(pageCsp(nonce, { https: false })).not.toMatch(/unsafe-eval|script-src[^;]*unsafe-inline/);
  });

  it("is read by Next.js, which then puts the nonce on its scripts", () => {
    expect(getScriptNonceFromHeader(pageCsp(nonce, { https: false }))).toBe(nonce);
  });

  it("locks down framing, plugins, base and form targets", () => {
    expect(csp.get("frame-ancestors")).toEqual(["'none'"]);
    expect(csp.get("object-src")).toEqual(["'none'"]);
    expect(csp.get("base-uri")).toEqual(["'self'"]);
    expect(csp.get("form-action")).toEqual(["'self'"]);
    expect(csp.get("default-src")).toEqual(["'self'"]);
  });

  it("allows style elements by nonce or cytoscape's one hash; attributes inline", () => {
    expect(csp.get("style-src")).toContain(`'nonce-${nonce}'`);
    expect(csp.get("style-src")).not.toContain("'unsafe-inline'");
    expect(csp.get("style-src-attr")).toEqual(["'unsafe-inline'"]);
  });

  it("hashes the style cytoscape really inserts", () => {
    // The browser bundle takes the ES module build, beside the CommonJS one.
    const file = path.join(path.dirname(require.resolve("cytoscape")), "cytoscape.esm.mjs");
    const source = fs.readFileSync(file, "utf8");
    expect(source).toContain("var className = '__________cytoscape_container';");
    expect(source).toContain("stylesheet.textContent = '.' + className + ' { position: relative; }';");
    expect(CYTOSCAPE_STYLE).toBe(".__________cytoscape_container { position: relative; }");
  });

  it("upgrades insecure requests only over HTTPS; eval only in development", () => {
    expect(csp.has("upgrade-insecure-requests")).toBe(false);
    expect(directives(pageCsp(nonce, { https: true })).has("upgrade-insecure-requests")).toBe(true);
    expect(directives(pageCsp(nonce, { https: false, dev: true })).get("script-src")).toContain("'unsafe-eval'");
  });

  it("has a fresh nonce every time", () => {
    expect(newNonce()).not.toBe(newNonce());
    expect(newNonce()).toMatch(/^[A-Za-z0-9+/]{24}$/);
  });
});

it("gives everything that is not a page a policy that runs and loads nothing", () => {
  expect(directives(NO_CONTENT_CSP).get("default-src")).toEqual(["'none'"]);
  expect(directives(NO_CONTENT_CSP).get("frame-ancestors")).toEqual(["'none'"]);
  // Next.js keeps this header over a route's own (the evidence download's), so it must be as strict.
  expect(directives(NO_CONTENT_CSP).has("sandbox")).toBe(true);
});

it("allows a static page exactly its own style", () => {
  const csp = directives(staticPageCsp("h1{color:red}"));
  // echo -n 'h1{color:red}' | openssl dgst -sha256 -binary | base64
  expect(csp.get("style-src")).toEqual(["'sha256-/D8wWMrWSOjeD/K4IHepvRvJjPxqJbouCB3qbqmBaqY='"]);
  expect(csp.get("default-src")).toEqual(["'none'"]);
});
