"use server";
import { z } from "zod";
import { staffAction } from "@/lib/actions/staff-action";
import { routing } from "@/i18n/routing";
import { caseForm } from "@/lib/cases/forms";
import { caseNumberField } from "./fields";
import { setIdentifierRoute } from "../routes";

/**
 * The case page's routing section (components/liaison/case-routing.tsx): an
 * override of which organisation an identifier goes to. Back to the case
 * page's #routing section with the case page's outcome banner.
 */
const setIdentifierRouteSchema = z.object({
  locale: z.enum(routing.locales),
  number: caseNumberField,
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
export const setIdentifierRouteForm = caseForm("routing", setIdentifierRouteAction);
