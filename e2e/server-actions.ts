/**
 * Server actions as a script sees them: the build's manifest, and raw posts
 * in the shape Next's client sends (for e2e tests that must not go through a page).
 */
import fs from "node:fs";
import path from "node:path";
import type { APIRequestContext } from "@playwright/test";

interface ManifestEntry {
  workers: Record<string, unknown>;
  filename?: string;
  exportedName?: string;
}

/** Server actions in the build: id, "<file>#<export>", and the pages that can run it. */
export function builtActions(): { id: string; key: string; pages: string[] }[] {
  const file = path.resolve(".next/server/server-reference-manifest.json");
  const manifest = JSON.parse(fs.readFileSync(file, "utf8")) as {
    node: Record<string, ManifestEntry>;
    edge: Record<string, ManifestEntry>;
  };
  return Object.entries({ ...manifest.node, ...manifest.edge }).map(([id, e]) => ({
    id,
    key: `${e.filename}#${e.exportedName}`,
    pages: Object.keys(e.workers),
  }));
}

/** A page URL from a worker name such as "app/[locale]/(staff)/staff/cases/[number]/page". */
export function pageUrl(worker: string, params: Record<string, string>): string | null {
  const segments = worker
    .replace(/^app\//, "")
    .replace(/\/page$/, "")
    .split("/")
    .filter((s) => s && !/^\(.*\)$/.test(s));
  const out: string[] = [];
  for (const s of segments) {
    const dynamic = /^\[(.+)\]$/.exec(s)?.[1];
    if (!dynamic) out.push(s);
    else if (params[dynamic] !== undefined) out.push(encodeURIComponent(params[dynamic]!));
    else return null;
  }
  return `/${out.join("/")}`;
}

/** Posts an action the way Next's client does: `Next-Action` header, arguments encoded as React's encodeReply does. */
export async function postAction(
  request: APIRequestContext,
  baseURL: string,
  url: string,
  id: string,
  args: "form" | "state+form",
  fields: Record<string, string>,
) {
  // React's reply encoding (react-server-dom, as bundled by Next 16): the FormData argument's
  // fields go first as "_1_<name>", then the root "0", the argument list naming the FormData
  // as reference $K1 (the server streams the body and resolves $K1 from what came before).
  // Should a React update change this, allowed visitors' checks fail ("did not take effect"),
  // never pass silently.
  // A FormData keeps this order (an object would enumerate the key "0" first).
  const multipart = new FormData();
  for (const [k, v] of Object.entries(fields)) multipart.append(`_1_${k}`, v);
  multipart.append("0", JSON.stringify(args === "form" ? ["$K1"] : [{ seq: 0, status: "idle" }, "$K1"]));
  const res = await request.post(url, {
    headers: { "next-action": id, origin: new URL(baseURL).origin, accept: "text/x-component" },
    multipart,
    maxRedirects: 0,
  });
  const redirect = res.headers()["x-action-redirect"] ?? res.headers()["location"] ?? "";
  const body = await res.text();
  return { status: res.status(), redirect, body };
}

/** The answer says "not allowed": a typed refusal in the state or in the redirect, or a 401/403. */
export function isRefusal(r: { status: number; redirect: string; body: string }): boolean {
  if (r.status === 401 || r.status === 403) return true;
  if (/[?&]error=(forbidden|unauthenticated)(&|#|;|$)/.test(r.redirect)) return true;
  return /"code":"(forbidden|unauthenticated)"/.test(r.body);
}

/** The id of an action by "<file>#<export>", and a page URL it can be posted to. */
export function action(key: string, params: Record<string, string> = {}): { id: string; url: string } {
  const a = builtActions().find((x) => x.key === key);
  if (!a) throw new Error(`no server action ${key} in the build`);
  const url = a.pages.map((p) => pageUrl(p, { locale: "en", ...params })).find((u) => u);
  if (!url) throw new Error(`${key}: no page to post to with ${JSON.stringify(params)}`);
  return { id: a.id, url };
}
