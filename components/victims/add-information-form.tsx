"use client";
import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { addInformationForm } from "@/lib/victims/actions";
import { initialAddInformationState, type AddInformationState } from "@/lib/victims/addition-state";
import { Button } from "@/components/ui/field";
import { ContactFields, EvidenceField, PaymentFields, PlatformFields } from "@/components/report/row-fields";

/**
 * The status page's "add information" form: one more number, one payment,
 * one platform and files — a small part of the report form, with its field
 * names ("contacts.0.value", …) so the server reads it with the same reader
 * and schema. The report is the one the victim is signed in to; the form
 * names none. Rendered from the action's state, so it works without
 * JavaScript (the page must allow evidence-sized bodies: lib/http/body-limit.ts).
 */
export function AddInformationForm({ maxFiles, maxMb }: { maxFiles: number; maxMb: number }) {
  const [state, formAction, pending] = useActionState(addInformationForm, initialAddInformationState);
  return (
    <FormBody
      key={state.seq}
      state={state}
      formAction={formAction}
      pending={pending}
      maxFiles={maxFiles}
      maxMb={maxMb}
    />
  );
}

function FormBody({
  state,
  formAction,
  pending,
  maxFiles,
  maxMb,
}: {
  state: AddInformationState;
  formAction: (fd: FormData) => void;
  pending: boolean;
  maxFiles: number;
  maxMb: number;
}) {
  const t = useTranslations("additions");
  const r = useTranslations("report");
  const te = useTranslations("errors");
  const params = { maxFiles, maxMb, file: "", errorId: "", ...(state.params ?? {}) };
  // Additions' own messages first (a different "too often" than the report form's), then the shared errors.*.
  const message = (code: string) =>
    t.has(`errors.${code}`)
      ? (t as unknown as (k: string, p: object) => string)(`errors.${code}`, params)
      : (te as unknown as (k: string, p: object) => string)(code, params);
  const errorFor = (path: string) => (state.fieldErrors?.[path] ? message(state.fieldErrors[path]!) : undefined);

  return (
    <form action={formAction} noValidate className="space-y-4" aria-labelledby="add-info-h">
      <h2 id="add-info-h" className="text-lg font-semibold">
        {t("title")}
      </h2>
      <p className="text-sm text-slate-700">{t("intro")}</p>
      {state.status === "added" ? (
        <p role="status" className="rounded-md bg-green-50 p-3 text-green-900">
          {t("added")}
        </p>
      ) : null}
      {state.status === "error" && state.code ? (
        <p role="alert" className="rounded-md border border-red-700 bg-red-50 p-3 text-red-900">
          {message(state.code)}
        </p>
      ) : null}

      <fieldset className="space-y-3 rounded-md border border-slate-200 p-3">
        <legend className="px-1 font-medium">{t("contact")}</legend>
        <div className="grid gap-3 sm:grid-cols-2">
          <ContactFields i={0} idPrefix="add" v={state.values?.contacts[0]} errorFor={errorFor} />
        </div>
      </fieldset>

      <fieldset className="space-y-3 rounded-md border border-slate-200 p-3">
        <legend className="px-1 font-medium">{t("payment")}</legend>
        <p className="text-sm text-slate-600">{t("paymentHint")}</p>
        <div className="grid gap-3 sm:grid-cols-2">
          <PaymentFields i={0} idPrefix="add" v={state.values?.payments[0]} errorFor={errorFor} />
        </div>
      </fieldset>

      <fieldset className="space-y-3 rounded-md border border-slate-200 p-3">
        <legend className="px-1 font-medium">{t("platform")}</legend>
        <div className="grid gap-3 sm:grid-cols-2">
          <PlatformFields i={0} idPrefix="add" v={state.values?.platforms[0]} errorFor={errorFor} />
        </div>
      </fieldset>

      <EvidenceField
        id="add-evidence"
        label={r("evidence")}
        hint={r("evidenceHint", { maxFiles, maxMb })}
        error={errorFor("evidence")}
      />
      {state.status === "error" && state.values ? (
        <p className="text-sm text-amber-900">{r("evidenceReattach")}</p>
      ) : null}

      <Button type="submit" disabled={pending} className="w-full sm:w-auto">
        {pending ? t("submitting") : t("submit")}
      </Button>
    </form>
  );
}
