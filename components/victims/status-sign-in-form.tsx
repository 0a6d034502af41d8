"use client";
import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { Button, Field, inputClass } from "@/components/ui/field";
import { statusSignInAction } from "@/lib/victims/status-actions";
import { initialStatusSignIn } from "@/lib/victims/status-form";

/** Reference + PIN. A plain form: the server answers with the same markup with or without JavaScript. */
export function StatusSignInForm({ locale }: { locale: string }) {
  const t = useTranslations("status");
  const te = useTranslations("errors");
  const [state, formAction, pending] = useActionState(statusSignInAction, initialStatusSignIn);
  const fieldErrors = state.status === "error" ? (state.fieldErrors ?? {}) : {};
  const err = (name: string) => (fieldErrors[name] ? te(fieldErrors[name], { errorId: "" }) : undefined);
  let message: string | null = null;
  if (state.status === "error") {
    message =
      state.code === "wrong" || state.code === "throttled"
        ? t(state.code)
        : te(state.code, { errorId: state.errorId ?? "" });
  }
  return (
    <form key={state.seq} action={formAction} className="space-y-4" noValidate>
      <input type="hidden" name="locale" value={locale} />
      {message ? (
        <div role="alert" className="rounded-md border border-red-700 bg-red-50 p-3 text-red-900">
          {message}
        </div>
      ) : null}
      <Field id="status-reference" label={t("reference")} hint={t("referenceHint")} error={err("reference")}>
        {(a) => (
          <input
            {...a}
            name="reference"
            type="text"
            autoComplete="off"
            autoCapitalize="characters"
            spellCheck={false}
            defaultValue={state.reference ?? ""}
            className={`${inputClass} font-mono`}
            required
          />
        )}
      </Field>
      <Field id="status-pin" label={t("pin")} hint={t("pinHint")} error={err("pin")}>
        {(a) => (
          <input
            {...a}
            name="pin"
            type="password"
            inputMode="numeric"
            autoComplete="off"
            className={`${inputClass} font-mono`}
            required
          />
        )}
      </Field>
      <Button type="submit" disabled={pending} className="w-full sm:w-auto">
        {pending ? t("submitting") : t("submit")}
      </Button>
    </form>
  );
}
