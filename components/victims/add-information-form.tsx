"use client";
import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { addInformationForm } from "@/lib/victims/actions";
import { initialAddInformationState, type AddInformationState } from "@/lib/victims/addition-state";
import { contactKinds, payeeKinds, paymentMethods, platformRoles } from "@/lib/vocab";
import { Button, Field, inputClass } from "@/components/ui/field";

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
  const o = useTranslations("options");
  const te = useTranslations("errors");
  const params = { maxFiles, maxMb, file: "", errorId: "", ...(state.params ?? {}) };
  // Additions' own messages first (a different "too often" than the report form's), then the shared errors.*.
  const message = (code: string) =>
    t.has(`errors.${code}`)
      ? (t as unknown as (k: string, p: object) => string)(`errors.${code}`, params)
      : (te as unknown as (k: string, p: object) => string)(code, params);
  const errorFor = (path: string) => (state.fieldErrors?.[path] ? message(state.fieldErrors[path]!) : undefined);
  const contact = state.values?.contacts[0];
  const payment = state.values?.payments[0];
  const platform = state.values?.platforms[0];

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
          <Field id="add-contact-kind" label={r("contactKind")} error={errorFor("contacts.0.kind")}>
            {(a) => (
              <select {...a} name="contacts.0.kind" defaultValue={contact?.kind ?? "phone"} className={inputClass}>
                {contactKinds.map((k) => (
                  <option key={k} value={k}>
                    {o(`contactKind.${k}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field id="add-contact-value" label={r("contactValue")} error={errorFor("contacts.0.value")}>
            {(a) => (
              <input
                {...a}
                name="contacts.0.value"
                defaultValue={contact?.value ?? ""}
                maxLength={200}
                className={inputClass}
              />
            )}
          </Field>
        </div>
      </fieldset>

      <fieldset className="space-y-3 rounded-md border border-slate-200 p-3">
        <legend className="px-1 font-medium">{t("payment")}</legend>
        <p className="text-sm text-slate-600">{t("paymentHint")}</p>
        <div className="grid gap-3 sm:grid-cols-2">
          <Field id="add-amount" label={r("amount")} error={errorFor("payments.0.amount")}>
            {(a) => (
              <input
                {...a}
                name="payments.0.amount"
                inputMode="decimal"
                defaultValue={payment?.amount ?? ""}
                className={inputClass}
              />
            )}
          </Field>
          <Field id="add-currency" label={r("currency")} error={errorFor("payments.0.currency")}>
            {(a) => (
              <input
                {...a}
                name="payments.0.currency"
                defaultValue={payment?.currency ?? "CNY"}
                maxLength={3}
                className={inputClass}
              />
            )}
          </Field>
          <Field id="add-paid-at" label={r("paidAt")} error={errorFor("payments.0.paidAt")}>
            {(a) => (
              <input
                {...a}
                type="datetime-local"
                name="payments.0.paidAt"
                defaultValue={payment?.paidAt ?? ""}
                className={inputClass}
              />
            )}
          </Field>
          <Field id="add-method" label={r("method")} error={errorFor("payments.0.method")}>
            {(a) => (
              <select
                {...a}
                name="payments.0.method"
                defaultValue={payment?.method ?? "bank_transfer"}
                className={inputClass}
              >
                {paymentMethods.map((k) => (
                  <option key={k} value={k}>
                    {o(`method.${k}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field id="add-payee-kind" label={r("payeeKind")} error={errorFor("payments.0.payeeKind")}>
            {(a) => (
              <select
                {...a}
                name="payments.0.payeeKind"
                defaultValue={payment?.payeeKind ?? "bank_account"}
                className={inputClass}
              >
                {payeeKinds.map((k) => (
                  <option key={k} value={k}>
                    {o(`payeeKind.${k}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field id="add-payee-value" label={r("payeeValue")} error={errorFor("payments.0.payeeValue")}>
            {(a) => (
              <input
                {...a}
                name="payments.0.payeeValue"
                defaultValue={payment?.payeeValue ?? ""}
                maxLength={200}
                className={inputClass}
              />
            )}
          </Field>
          <Field id="add-payee-name" label={r("payeeName")} error={errorFor("payments.0.payeeName")}>
            {(a) => (
              <input
                {...a}
                name="payments.0.payeeName"
                defaultValue={payment?.payeeName ?? ""}
                maxLength={200}
                className={inputClass}
              />
            )}
          </Field>
          <Field id="add-payee-bank" label={r("payeeBank")} error={errorFor("payments.0.payeeBank")}>
            {(a) => (
              <input
                {...a}
                name="payments.0.payeeBank"
                defaultValue={payment?.payeeBank ?? ""}
                maxLength={200}
                className={inputClass}
              />
            )}
          </Field>
        </div>
      </fieldset>

      <fieldset className="space-y-3 rounded-md border border-slate-200 p-3">
        <legend className="px-1 font-medium">{t("platform")}</legend>
        <div className="grid gap-3 sm:grid-cols-2">
          <Field id="add-platform-name" label={r("platformName")} error={errorFor("platforms.0.name")}>
            {(a) => (
              <input
                {...a}
                name="platforms.0.name"
                defaultValue={platform?.name ?? ""}
                maxLength={200}
                className={inputClass}
              />
            )}
          </Field>
          <Field id="add-platform-role" label={r("platformRole")} error={errorFor("platforms.0.role")}>
            {(a) => (
              <select
                {...a}
                name="platforms.0.role"
                defaultValue={platform?.role ?? "order_leaked"}
                className={inputClass}
              >
                {platformRoles.map((k) => (
                  <option key={k} value={k}>
                    {o(`platformRole.${k}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </div>
      </fieldset>

      <Field
        id="add-evidence"
        label={r("evidence")}
        hint={r("evidenceHint", { maxFiles, maxMb })}
        error={errorFor("evidence")}
      >
        {(a) => (
          <input
            {...a}
            type="file"
            name="evidence"
            multiple
            accept="image/*,application/pdf"
            className="block w-full text-base"
          />
        )}
      </Field>
      {state.status === "error" && state.values ? (
        <p className="text-sm text-amber-900">{r("evidenceReattach")}</p>
      ) : null}

      <Button type="submit" disabled={pending} className="w-full sm:w-auto">
        {pending ? t("submitting") : t("submit")}
      </Button>
    </form>
  );
}
