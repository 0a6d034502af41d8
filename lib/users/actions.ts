"use server";
import { staffAction } from "@/lib/actions/staff-action";
import {
  changeRoleSchema,
  createOrganisationSchema,
  createUserSchema,
  resetPasswordSchema,
  setDisabledSchema,
  updateOrganisationSchema,
  userIdSchema,
} from "@/lib/users/schemas";
import {
  changeUserRole,
  createOrganisation,
  createUser,
  endUserSessions,
  resetUserPassword,
  setUserDisabled,
  updateOrganisation,
} from "@/lib/users/service";

const USERS: [string, "page" | "layout"] = ["/[locale]/staff/admin/users", "layout"];
const ORGANISATIONS: [string, "page" | "layout"] = ["/[locale]/staff/admin/organisations", "layout"];

export const createUserAction = staffAction({
  name: "createUser",
  permission: "manage:user:any",
  schema: createUserSchema,
  errorFields: { emailTaken: "email", orgRequired: "orgId" },
  revalidate: [USERS],
  handler: async (input, { user, ip, db }) => {
    const r = await createUser(db, { actor: user, ip }, input);
    return { id: r.user.id, email: r.user.email, generatedPassword: r.generatedPassword };
  },
});

export const createOrganisationAction = staffAction({
  name: "createOrganisation",
  permission: "manage:organisation:any",
  schema: createOrganisationSchema,
  errorFields: { orgNameTaken: "name" },
  revalidate: [USERS],
  handler: async (input, { user, ip, db }) => {
    const org = await createOrganisation(db, { actor: user, ip }, input);
    return { id: org.id, name: org.name };
  },
});

export const setUserDisabledAction = staffAction({
  name: "setUserDisabled",
  permission: "manage:user:any",
  schema: setDisabledSchema,
  revalidate: [USERS],
  handler: async (input, { user, ip, db }) => {
    const u = await setUserDisabled(db, { actor: user, ip }, input);
    return { disabled: u.disabled };
  },
});

export const changeUserRoleAction = staffAction({
  name: "changeUserRole",
  permission: "manage:user:any",
  schema: changeRoleSchema,
  errorFields: { orgRequired: "orgId" },
  revalidate: [USERS],
  handler: async (input, { user, ip, db }) => {
    const u = await changeUserRole(db, { actor: user, ip }, input);
    return { role: u.role };
  },
});

export const resetPasswordAction = staffAction({
  name: "resetPassword",
  permission: "manage:user:any",
  schema: resetPasswordSchema,
  revalidate: [USERS],
  handler: async (input, { user, ip, db }) => {
    const r = await resetUserPassword(db, { actor: user, ip }, input);
    return { generatedPassword: r.generatedPassword };
  },
});

export const endUserSessionsAction = staffAction({
  name: "endUserSessions",
  permission: "manage:user:any",
  schema: userIdSchema,
  revalidate: [USERS],
  handler: (input, { user, ip, db }) => endUserSessions(db, { actor: user, ip }, input),
});

/** An organisation's name, kind, linked platform and routing keys (its page). */
export const updateOrganisationAction = staffAction({
  name: "updateOrganisation",
  permission: "manage:organisation:any",
  schema: updateOrganisationSchema,
  errorFields: { orgNameTaken: "name" },
  revalidate: [USERS, ORGANISATIONS],
  handler: async (input, { user, ip, db }) => {
    const org = await updateOrganisation(db, { actor: user, ip }, input);
    return { id: org.id, name: org.name };
  },
});
