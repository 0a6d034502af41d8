import { expect, it } from "vitest";
import * as Enums from "@/lib/db/generated/enums";
import {
  caseStatuses,
  contactKinds,
  identifierKinds,
  payeeKinds,
  paymentMethods,
  platformRoles,
  scamTypes,
} from "./choices";

// The lists are written once here; the database enums must hold exactly the same values.
it.each([
  ["ScamType", scamTypes, Enums.ScamType],
  ["ContactKind", contactKinds, Enums.ContactKind],
  ["PaymentMethod", paymentMethods, Enums.PaymentMethod],
  ["PayeeKind", payeeKinds, Enums.PayeeKind],
  ["PlatformRole", platformRoles, Enums.PlatformRole],
  ["IdentifierKind", identifierKinds, Enums.IdentifierKind],
  ["CaseStatus", caseStatuses, Enums.CaseStatus],
] as const)("%s matches the Prisma enum", (_name, list, prismaEnum) => {
  expect([...list].sort()).toEqual(Object.values(prismaEnum).sort());
});
