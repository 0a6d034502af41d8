/**
 * Server actions posted by hand, as a browser without JavaScript (or anyone
 * with curl) would: a multipart form to a page, naming the action by its id.
 * The ids come from the build's manifest (the e2e server runs this build), by
 * source file and exported name, so tests survive rebuilds.
 */
import fs from "node:fs";
import path from "node:path";
import { test, type APIRequestContext, type APIResponse } from "@playwright/test";

interface Manifest {
  node: Record<string, { filename?: string; exportedName?: string }>;
}

let manifest: Manifest | undefined;

export function actionId(file: string, name: string): string {
  manifest ??= JSON.parse(
    fs.readFileSync(path.resolve(".next/server/server-reference-manifest.json"), "utf8"),
  ) as Manifest;
  const found = Object.entries(manifest.node).find(([, a]) => a.filename === file && a.exportedName === name);
  if (!found) throw new Error(`No server action ${name} in ${file} in this build`);
  return found[0];
}

export interface ActionRef {
  /** Source file, e.g. "lib/users/actions.ts". */
  file: string;
  name: string;
  /** useActionState actions take (previous state, form data); plain form actions only the form data. */
  stateful: boolean;
}

const keys = new Map<string, string>();

/**
 * The `$ACTION_KEY` of the action's form on `page`: React shows an answer
 * (the form's state) only to the form with that key. Read once from the page
 * as an admin would get it, then reused (it depends on the form's place in the
 * page, not on who asks). Unknown keys still run the action; the answer is then
 * not shown in the page.
 */
export async function formKey(request: APIRequestContext, page: string, action: ActionRef): Promise<string> {
  const id = actionId(action.file, action.name);
  const cached = keys.get(`${page} ${id}`);
  if (cached) return cached;
  const res = await request.get(page, { maxRedirects: 0 });
  const html = res.ok() ? await res.text() : "";
  const escapedId = id.replace(/[^0-9a-f]/g, "");
  const m = html.match(
    new RegExp(
      `name="\\$ACTION_\\d+:0" value="[^"]*${escapedId}[^"]*"/>(?:(?!<form)[\\s\\S])*?name="\\$ACTION_KEY" value="([^"]+)"`,
    ),
  );
  if (!m) return "k-unknown";
  keys.set(`${page} ${id}`, m[1]!);
  return m[1]!;
}

/**
 * POSTs `fields` to the action from `page` (a page that renders a form of that
 * action, so the action is registered there) and returns the answer without
 * following redirects. `key`: the form's $ACTION_KEY (formKey), to see the answer.
 */
export async function postAction(
  request: APIRequestContext,
  page: string,
  action: ActionRef,
  fields: Record<string, string>,
  opts: { key?: string } = {},
): Promise<APIResponse> {
  const id = actionId(action.file, action.name);
  const envelope: Record<string, string> = action.stateful
    ? {
        $ACTION_REF_1: "",
        "$ACTION_1:0": JSON.stringify({ id, bound: "$@1" }),
        "$ACTION_1:1": JSON.stringify([{ seq: 0, status: "idle" }]),
        $ACTION_KEY: opts.key ?? "k-unknown",
      }
    : { [`$ACTION_ID_${id}`]: "" };
  return request.post(page, {
    multipart: { ...envelope, ...fields },
    maxRedirects: 0,
    // What a browser sends with a same-origin form post.
    headers: { origin: new URL(test.info().project.use.baseURL!).origin },
  });
}

export const actions = {
  signIn: { file: "lib/auth/actions.ts", name: "signInAction", stateful: true },
  signOut: { file: "lib/auth/actions.ts", name: "signOutAction", stateful: false },
  signOutEverywhere: { file: "lib/auth/actions.ts", name: "signOutEverywhereAction", stateful: false },
  createUser: { file: "lib/users/actions.ts", name: "createUserAction", stateful: true },
  createOrganisation: { file: "lib/users/actions.ts", name: "createOrganisationAction", stateful: true },
  setUserDisabled: { file: "lib/users/actions.ts", name: "setUserDisabledAction", stateful: true },
  changeUserRole: { file: "lib/users/actions.ts", name: "changeUserRoleAction", stateful: true },
  resetPassword: { file: "lib/users/actions.ts", name: "resetPasswordAction", stateful: true },
  endUserSessions: { file: "lib/users/actions.ts", name: "endUserSessionsAction", stateful: true },
} satisfies Record<string, ActionRef>;

/**
 * The form-level message a no-JavaScript answer shows (FormStatus's role="alert"),
 * as text. Not the page's text as a whole: that also carries the message
 * catalogue for the client components.
 */
export function formAlert(html: string): string | null {
  const m = html.match(/<div role="alert"[^>]*>([\s\S]*?)<\/div>/);
  return m
    ? m[1]!
        .replace(/<[^>]+>/g, "")
        .replace(/&#x27;|&#39;/g, "'")
        .replace(/&quot;/g, '"')
        .replace(/&amp;/g, "&")
    : null;
}
