"use client";
import { useTranslations } from "next-intl";
import { signInAction } from "@/lib/auth/actions";
import { signInSchema } from "@/lib/auth/schemas";
import { Button, Field, inputClass } from "@/components/ui/field";
import { FormStatus } from "./form-status";
import { useStaffForm } from "./use-staff-form";

export function SignInForm({ locale, next }: { locale: string; next?: string }) {
  const t = useTranslations("auth");
  const te = useTranslations("errors");
  const { state, formAction, pending, errors, onSubmit, value } = useStaffForm(signInAction, signInSchema);
  const err = (name: string) => (errors[name] ? te(errors[name]!, { errorId: "" }) : undefined);
  return (
    <form key={state.seq} action={formAction} onSubmit={onSubmit} noValidate className="space-y-4">
      <input type="hidden" name="locale" value={locale} />
      {next ? <input type="hidden" name="next" value={next} /> : null}
      <FormStatus state={state} />
      <Field id="login-email" label={t("email")} error={err("email")}>
        {(a) => (
          <input
            {...a}
            name="email"
            type="email"
            autoComplete="username"
            defaultValue={value("email")}
            className={inputClass}
            required
          />
        )}
      </Field>
      <Field id="login-password" label={t("password")} error={err("password")}>
        {(a) => (
          <input
            {...a}
            name="password"
            type="password"
            autoComplete="current-password"
            className={inputClass}
            required
          />
        )}
      </Field>
      <Button type="submit" disabled={pending} className="w-full">
        {pending ? t("signingIn") : t("signIn")}
      </Button>
    </form>
  );
}
