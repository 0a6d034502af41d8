"use client";
import { useLocale, useTranslations } from "next-intl";
import {
  changeUserRoleAction,
  createOrganisationAction,
  createUserAction,
  endUserSessionsAction,
  resetPasswordAction,
  setUserDisabledAction,
} from "@/lib/users/actions";
import { Button, Field, inputClass } from "@/components/ui/field";
import { FormStatus } from "@/components/staff/form-status";
import { useStaffForm } from "@/components/staff/use-staff-form";
import { roles } from "@/lib/auth/permissions";
import {
  changeRoleSchema,
  createOrganisationSchema,
  createUserSchema,
  orgKinds,
  resetPasswordSchema,
  setDisabledSchema,
  userIdSchema,
} from "@/lib/users/schemas";

export interface OrgOption {
  id: string;
  name: string;
}

function useErr(errors: Record<string, string>) {
  const te = useTranslations("errors");
  return (name: string) => (errors[name] ? te(errors[name]!, { errorId: "" }) : undefined);
}

function OneTimePassword({ password }: { password: string }) {
  const t = useTranslations("admin");
  return (
    <span className="mt-1 block">
      {t("generatedPassword")}{" "}
      <code className="rounded bg-white px-1 font-mono text-base" data-testid="generated-password">
        {password}
      </code>
    </span>
  );
}

function OrgSelect({
  id,
  orgs,
  defaultValue,
  error,
  hint,
}: {
  id: string;
  orgs: OrgOption[];
  defaultValue?: string;
  error?: string;
  hint?: string;
}) {
  const t = useTranslations("admin");
  return (
    <Field id={id} label={t("organisation")} hint={hint} error={error}>
      {(a) => (
        <select {...a} name="orgId" defaultValue={defaultValue ?? ""} className={inputClass}>
          <option value="">{t("noOrganisation")}</option>
          {orgs.map((o) => (
            <option key={o.id} value={o.id}>
              {o.name}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

function RoleSelect({ id, defaultValue, error }: { id: string; defaultValue?: string; error?: string }) {
  const t = useTranslations("admin");
  const ts = useTranslations("staff");
  return (
    <Field id={id} label={t("role")} error={error}>
      {(a) => (
        <select {...a} name="role" defaultValue={defaultValue ?? "investigator"} className={inputClass}>
          {roles.map((r) => (
            <option key={r} value={r}>
              {ts(`roles.${r}`)}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

export function CreateUserForm({ orgs }: { orgs: OrgOption[] }) {
  const t = useTranslations("admin");
  const { state, formAction, pending, errors, onSubmit, value } = useStaffForm(createUserAction, createUserSchema);
  const err = useErr(errors);
  return (
    <form
      key={state.seq}
      action={formAction}
      onSubmit={onSubmit}
      noValidate
      className="space-y-4"
      aria-labelledby="create-user-heading"
    >
      <FormStatus
        state={state}
        success={
          state.data ? (
            <>
              {t("userCreated", { email: state.data.email })}
              {state.data.generatedPassword ? <OneTimePassword password={state.data.generatedPassword} /> : null}
            </>
          ) : null
        }
      />
      <div className="grid gap-4 sm:grid-cols-2">
        <Field id="new-email" label={t("email")} error={err("email")}>
          {(a) => (
            <input
              {...a}
              name="email"
              type="email"
              autoComplete="off"
              defaultValue={value("email")}
              className={inputClass}
            />
          )}
        </Field>
        <Field id="new-name" label={t("name")} error={err("name")}>
          {(a) => <input {...a} name="name" autoComplete="off" defaultValue={value("name")} className={inputClass} />}
        </Field>
        <RoleSelect id="new-role" defaultValue={value("role") || undefined} error={err("role")} />
        <OrgSelect
          id="new-org"
          orgs={orgs}
          defaultValue={value("orgId")}
          error={err("orgId")}
          hint={t("organisationHint")}
        />
        <Field
          id="new-password"
          label={t("initialPassword")}
          hint={t("passwordHint")}
          error={err("password")}
          className="space-y-1 sm:col-span-2"
        >
          {(a) => <input {...a} name="password" type="password" autoComplete="new-password" className={inputClass} />}
        </Field>
      </div>
      <Button type="submit" disabled={pending}>
        {t("createUser")}
      </Button>
    </form>
  );
}

export function CreateOrganisationForm() {
  const t = useTranslations("admin");
  const tr = useTranslations("routing");
  const locale = useLocale();
  const { state, formAction, pending, errors, onSubmit, value } = useStaffForm(
    createOrganisationAction,
    createOrganisationSchema,
  );
  const err = useErr(errors);
  return (
    <form
      key={state.seq}
      action={formAction}
      onSubmit={onSubmit}
      noValidate
      className="space-y-4"
      aria-labelledby="create-org-heading"
    >
      <FormStatus
        state={state}
        success={
          state.data ? (
            <>
              {t("orgCreated", { name: state.data.name })}{" "}
              <a href={`/${locale}/staff/admin/organisations/${state.data.id}`} className="underline">
                {tr("admin.openOrg")}
              </a>
            </>
          ) : null
        }
      />
      <div className="grid gap-4 sm:grid-cols-2">
        <Field id="org-name" label={t("orgName")} error={err("name")}>
          {(a) => <input {...a} name="name" autoComplete="off" defaultValue={value("name")} className={inputClass} />}
        </Field>
        <Field id="org-kind" label={t("orgKind")} error={err("kind")}>
          {(a) => (
            <select {...a} name="kind" defaultValue={value("kind") || "platform"} className={inputClass}>
              {orgKinds.map((k) => (
                <option key={k} value={k}>
                  {t(`orgKinds.${k}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <Button type="submit" disabled={pending}>
        {t("createOrg")}
      </Button>
    </form>
  );
}

export function DisableUserForm({ userId, disabled }: { userId: string; disabled: boolean }) {
  const t = useTranslations("admin");
  const { state, formAction, pending, onSubmit } = useStaffForm(setUserDisabledAction, setDisabledSchema);
  return (
    <form action={formAction} onSubmit={onSubmit} className="space-y-3">
      <FormStatus
        state={state}
        success={state.data ? (state.data.disabled ? t("userDisabled") : t("userEnabled")) : null}
      />
      <input type="hidden" name="userId" value={userId} />
      <input type="hidden" name="disabled" value={disabled ? "false" : "true"} />
      <Button type="submit" variant={disabled ? "primary" : "secondary"} disabled={pending}>
        {disabled ? t("enable") : t("disable")}
      </Button>
    </form>
  );
}

export function ChangeRoleForm({
  userId,
  role,
  orgId,
  orgs,
}: {
  userId: string;
  role: string;
  orgId: string | null;
  orgs: OrgOption[];
}) {
  const t = useTranslations("admin");
  const { state, formAction, pending, errors, onSubmit, value } = useStaffForm(changeUserRoleAction, changeRoleSchema);
  const err = useErr(errors);
  return (
    <form key={state.seq} action={formAction} onSubmit={onSubmit} noValidate className="space-y-4">
      <FormStatus state={state} success={state.data ? t("roleChanged") : null} />
      <input type="hidden" name="userId" value={userId} />
      <div className="grid gap-4 sm:grid-cols-2">
        <RoleSelect id="change-role" defaultValue={value("role") || role} error={err("role")} />
        <OrgSelect
          id="change-org"
          orgs={orgs}
          defaultValue={value("orgId") || orgId || ""}
          error={err("orgId")}
          hint={t("organisationHint")}
        />
      </div>
      <p className="text-sm text-slate-700">{t("roleChangeHint")}</p>
      <Button type="submit" disabled={pending}>
        {t("changeRole")}
      </Button>
    </form>
  );
}

export function ResetPasswordForm({ userId }: { userId: string }) {
  const t = useTranslations("admin");
  const { state, formAction, pending, errors, onSubmit } = useStaffForm(resetPasswordAction, resetPasswordSchema);
  const err = useErr(errors);
  return (
    <form key={state.seq} action={formAction} onSubmit={onSubmit} noValidate className="space-y-4">
      <FormStatus
        state={state}
        success={
          state.data ? (
            <>
              {t("passwordReset")}
              {state.data.generatedPassword ? <OneTimePassword password={state.data.generatedPassword} /> : null}
            </>
          ) : null
        }
      />
      <input type="hidden" name="userId" value={userId} />
      <Field id="reset-password" label={t("newPassword")} hint={t("passwordHint")} error={err("password")}>
        {(a) => <input {...a} name="password" type="password" autoComplete="new-password" className={inputClass} />}
      </Field>
      <Button type="submit" disabled={pending}>
        {t("resetPassword")}
      </Button>
    </form>
  );
}

/** "Sign out everywhere" for another user: ends every open session of theirs. */
export function EndSessionsForm({ userId }: { userId: string }) {
  const t = useTranslations("admin");
  const { state, formAction, pending, onSubmit } = useStaffForm(endUserSessionsAction, userIdSchema);
  return (
    <form action={formAction} onSubmit={onSubmit} className="space-y-3">
      <FormStatus state={state} success={state.data ? t("sessionsEnded", { count: state.data.ended }) : null} />
      <input type="hidden" name="userId" value={userId} />
      <Button type="submit" variant="secondary" disabled={pending}>
        {t("endSessions")}
      </Button>
    </form>
  );
}
