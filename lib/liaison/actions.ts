"use server";
import { redirect } from "next/navigation";
import { z } from "zod";
import { formDataOf } from "@/lib/actions/mutation";
import { staffAction, initialActionState, type StaffActionState } from "@/lib/actions/staff-action";
import { getCurrentUser } from "@/lib/auth/current-user";
import { db } from "@/lib/db";
import { routing } from "@/i18n/routing";
import { currentNumber, parseCaseNumber } from "@/lib/cases";
import { setIdentifierRoute } from "./routes";

/**
 * Server actions of the liaison area. Forms on the case page post here and
 * work without JavaScript: each goes through staffAction (session,
 * permission, schema, error mapping) and back to the case page with the
 * outcome in the query string, as lib/cases/actions.ts does.
 */

// ——— Routing (case page: components/liaison/case-routing.tsx) ———

/** The form's language, or the default one for anything else. */
function routingLocaleOf(fd: FormData): string {
  const raw = fd.get("locale");
  return typeof raw === "string" && (routing.locales as readonly string[]).includes(raw) ? raw : routing.defaultLocale;
}

/** The case's number now (a merge may have absorbed the one posted), if the visitor may read cases. */
async function routingNumberNow(asked: string): Promise<string | null> {
  const user = await getCurrentUser();
  if (!user) return null;
  return currentNumber(await db(), { actor: user }, { number: asked }).catch(() => null);
}

/** Back to the case page's routing section, with the case page's outcome banner (lib/cases bannerOf). */
async function backToRouting<D>(fd: FormData, result: StaffActionState<D>): Promise<never> {
  const locale = routingLocaleOf(fd);
  const asked = parseCaseNumber(fd.get("number"));
  if (!asked) redirect(`/${locale}/staff/cases?error=notFound`);
  const number = (await routingNumberNow(asked)) ?? asked;
  const q = new URLSearchParams(
    result.status === "ok"
      ? { done: Date.now().toString(36) }
      : {
          at: Date.now().toString(36),
          error: result.code ?? "invalid",
          ...(result.fieldErrors ? { field: Object.values(result.fieldErrors)[0] ?? "" } : {}),
          ...(result.errorId ? { errorId: result.errorId } : {}),
        },
  );
  redirect(`/${locale}/staff/cases/${encodeURIComponent(number)}?${q}#routing`);
}

const setIdentifierRouteSchema = z.object({
  locale: z.enum(routing.locales),
  number: z
    .string()
    .max(40)
    .transform((v, c) => parseCaseNumber(v) ?? (c.addIssue({ code: "custom", message: "caseNotFound" }), z.NEVER)),
  identifierId: z.coerce.number().int().positive().max(2_147_483_647),
  /** Blank: back to automatic routing. */
  orgId: z
    .string()
    .trim()
    .max(64)
    .transform((v) => v || null),
});

const setIdentifierRouteAction = staffAction({
  name: "setIdentifierRoute",
  permission: "create:request:any",
  schema: setIdentifierRouteSchema,
  handler: (i, { user, ip, db }) =>
    setIdentifierRoute(db, { actor: user, ip }, { caseNumber: i.number, identifierId: i.identifierId, orgId: i.orgId }),
});

/** The override select of one identifier: `number`, `locale`, `identifierId`, `orgId` ("" = automatic). */
export async function setIdentifierRouteForm(fd: FormData) {
  // A crafted call without a form names no case (and would crash reading it): back to the board.
  if (!formDataOf([fd])) redirect(`/${routing.defaultLocale}/staff/cases`);
  return backToRouting(fd, await setIdentifierRouteAction(initialActionState as never, fd));
}
