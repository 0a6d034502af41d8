import "server-only";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { formDataOf } from "@/lib/actions/mutation";
import { formLocale, outcomeQuery } from "@/lib/actions/form-redirect";
import { initialActionState, type StaffActionState } from "@/lib/actions/staff-action-state";
import { getCurrentUser } from "@/lib/auth/current-user";
import { db } from "@/lib/db";
import { routing } from "@/i18n/routing";
import { casePageHref, parseCaseNumber } from "./shared";
import { currentNumber } from "./scope";

/** The case's number now (a merge may have absorbed the one posted), if the visitor may read cases. */
async function numberNow(asked: string): Promise<string | null> {
  const user = await getCurrentUser();
  if (!user) return null;
  return currentNumber(await db(), { actor: user }, { number: asked }).catch(() => null);
}

/**
 * The case page to go back to after a form post: its section `anchor` and the
 * outcome `q`. A browser that posted without JavaScript (Next.js sends the
 * `Next-Action` header with every action it calls from script; a plain form
 * post has none) goes straight to the page rendered whole (`whole=1`), so the
 * anchor is not lost to the refresh the streamed page would send it through.
 */
async function casePageAfterPost(locale: string, number: string, q: URLSearchParams, anchor: string): Promise<string> {
  return casePageHref(locale, number, q, anchor, !(await headers()).get("next-action"));
}

/**
 * Back to the case page's section `anchor` under the case's current number,
 * with the outcome in the query string (the page's banner reads it).
 */
export async function backToCase<D>(
  fd: FormData,
  result: StaffActionState<D>,
  anchor: string,
  query: { ok?: Record<string, string>; base?: Record<string, string> } = {},
): Promise<never> {
  const locale = formLocale(fd);
  const asked = parseCaseNumber(fd.get("number"));
  if (!asked) redirect(`/${locale}/staff/cases?error=notFound`);
  const number = (await numberNow(asked)) ?? asked;
  const q = outcomeQuery(result, query.ok, query.base);
  redirect(await casePageAfterPost(locale, number, q, anchor));
}

/**
 * A case-page form action: runs the staff action, then back to the case.
 * A crafted call without a form names no case (and would crash reading it):
 * back to the board.
 */
export function caseForm<D>(
  anchor: string,
  action: (prev: StaffActionState<D>, fd: FormData) => Promise<StaffActionState<D>>,
  query?: (result: StaffActionState<D>) => { ok?: Record<string, string>; base?: Record<string, string> },
) {
  return async (fd: FormData) => {
    if (!formDataOf([fd])) redirect(`/${routing.defaultLocale}/staff/cases`);
    const result = await action(initialActionState as StaffActionState<D>, fd);
    return backToCase(fd, result, anchor, query?.(result));
  };
}
