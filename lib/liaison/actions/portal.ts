"use server";
import { redirect } from "next/navigation";
import { z } from "zod";
import { formDataOf } from "@/lib/actions/mutation";
import { formLocale, outcomeQuery } from "@/lib/actions/form-redirect";
import { staffAction, initialActionState, type StaffActionState } from "@/lib/actions/staff-action";
import { routing } from "@/i18n/routing";
import { parseAmountToMinor } from "@/lib/vocab";
import { acknowledgeRequest } from "../answers";
import { answerItemWithAttachment } from "../attachments";
import { parseRequestNumber, requestOutcomes } from "../shared";
import { requestNumberField } from "./fields";

/**
 * Liaison portal: acknowledge a request, answer one identifier.
 *
 * The request page's forms post here (they work without JavaScript); each
 * action goes through staffAction (session, permission, text cleaning,
 * schema, error mapping) and then back to the request page with the outcome
 * in the query string (?done=… or ?error=code), which the page shows in a
 * status or alert region. Forms name the request by its number and the item
 * by its id; the services reach both only through the liaison's own
 * organisation, so anyone else's number is "not found" and changes nothing.
 */

/** An amount in yuan as typed ("38000", "38,000.50", "¥38000"), to fen; empty is none. No floats. */
const yuan = z
  .string()
  .max(40, "tooLong")
  .optional()
  .transform((v, c) => {
    if (!v || v.trim() === "") return null;
    const minor = parseAmountToMinor(v);
    if (minor === null) c.addIssue({ code: "custom", message: "invalidAmount" });
    return minor;
  });

const portalBase = z.object({ locale: z.enum(routing.locales), number: requestNumberField });

async function backToRequest<D>(fd: FormData, result: StaffActionState<D>, done: string): Promise<never> {
  const locale = formLocale(fd);
  const number = parseRequestNumber(fd.get("number"));
  const q = outcomeQuery(result, { done });
  if (!number) redirect(`/${locale}/portal?${q}`);
  redirect(`/${locale}/portal/requests/${encodeURIComponent(number)}?${q}#result`);
}

function portalForm<D>(
  done: string,
  action: (prev: StaffActionState<D>, fd: FormData) => Promise<StaffActionState<D>>,
) {
  return async (fd: FormData) => {
    // A crafted call without a form names no request (and would crash reading it): back to the inbox.
    if (!formDataOf([fd])) redirect(`/${routing.defaultLocale}/portal?error=badRequest`);
    return backToRequest(fd, await action(initialActionState as StaffActionState<D>, fd), done);
  };
}

const acknowledgeAction = staffAction({
  name: "requestAcknowledge",
  permission: "answer:request:own-org",
  schema: portalBase,
  handler: (i, { user, ip, db }) => acknowledgeRequest(db, { actor: user, ip }, { number: i.number }),
});
export const acknowledgeRequestForm = portalForm("acknowledged", acknowledgeAction);

const answerAction = staffAction({
  name: "requestAnswer",
  permission: "answer:request:own-org",
  schema: portalBase.extend({
    itemId: z.coerce.number("notFound").int("notFound").positive("notFound").max(2_147_483_647, "notFound"),
    outcome: z.enum(requestOutcomes, "invalidChoice"),
    frozen: yuan,
    recovered: yuan,
    note: z.string().trim().max(2000, "tooLong").optional().default(""),
  }),
  handler: (i, { user, ip, db, fd }) =>
    answerItemWithAttachment(
      db,
      { actor: user, ip },
      {
        number: i.number,
        itemId: i.itemId,
        outcome: i.outcome,
        frozenMinor: i.frozen,
        recoveredMinor: i.recovered,
        note: i.note,
      },
      fd.getAll("attachment").filter((f): f is File => typeof f === "object" && f !== null && "arrayBuffer" in f),
    ),
});
export const answerItemForm = portalForm("answered", answerAction);
