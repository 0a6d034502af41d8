"use client";
import { startTransition, useActionState, useEffect, useRef, useState, type FormEvent } from "react";
import { useTranslations } from "next-intl";
import { submitReportAction } from "@/lib/reports/actions";
import { Button, Field, inputClass } from "@/components/ui/field";
import { initialReportState, type ReportFormState } from "@/lib/reports/form-state";
import { provinces, scamTypes } from "@/lib/vocab";
import type { FieldErrors } from "@/lib/reports/schema";
import { ContactsSection, PaymentsSection, PlatformsSection } from "./row-sections";
import { EvidenceField } from "./row-fields";
import { Receipt } from "./receipt";

export interface ReportFormProps {
  token: string;
  locale: string;
  maxFiles: number;
  maxMb: number;
  today: string;
}

// The schema is fetched when the browser is idle or at the first submit, not
// with the page (docs/benchmarks.md: first-load JS).
let validator: Promise<typeof import("@/lib/reports/validate-form")> | undefined;
const loadValidator = () => (validator ??= import("@/lib/reports/validate-form"));

export function ReportForm(props: ReportFormProps) {
  const [state, formAction, pending] = useActionState(submitReportAction, initialReportState);
  if (state.status !== "editing") return <Receipt state={state} />;
  // A new server answer re-mounts the form with the values it returned.
  return <FormBody key={state.version} state={state} formAction={formAction} pending={pending} {...props} />;
}

function FormBody({
  state,
  formAction,
  pending,
  token,
  locale,
  maxFiles,
  maxMb,
  today,
}: ReportFormProps & {
  state: Extract<ReportFormState, { status: "editing" }>;
  formAction: (fd: FormData) => void;
  pending: boolean;
}) {
  const t = useTranslations("report");
  const o = useTranslations("options");
  const te = useTranslations("errors");
  const [clientErrors, setClientErrors] = useState<FieldErrors | null>(null);
  const summaryRef = useRef<HTMLDivElement>(null);
  const errors = clientErrors ?? state.errors;
  const limits = { maxFiles, maxMb };
  const errorFor = (path: string) => {
    const code = errors[path];
    return code ? te(code, { ...limits, file: "", errorId: "", ...(state.errorParams?.[path] ?? {}) }) : undefined;
  };
  const v = state.values;
  const errorCount = Object.keys(errors).length;

  useEffect(() => {
    const idle = window.requestIdleCallback ?? ((cb: () => void) => window.setTimeout(cb, 1500));
    idle(() => void loadValidator().catch(() => undefined));
  }, []);

  // With JavaScript the same schema runs before anything is sent; without it
  // the form posts straight to the action, which validates with it too.
  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    const submitter = (e.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
    if (submitter?.name === "intent" && submitter.value !== "submit") return;
    e.preventDefault();
    const fd = new FormData(e.currentTarget, submitter);
    const found = await loadValidator()
      .then((m) => m.validateReportFormData(fd, { maxFiles, maxMb }))
      // If the check cannot be loaded, the server's check still applies.
      .catch(() => ({}) as FieldErrors);
    if (Object.keys(found).length > 0) {
      setClientErrors(found);
      requestAnimationFrame(() => summaryRef.current?.focus());
      return;
    }
    setClientErrors(null);
    startTransition(() => formAction(fd));
  }

  const formError = state.formError;
  return (
    <form
      action={formAction}
      onSubmit={(e) => void onSubmit(e)}
      noValidate
      className="space-y-8"
      aria-describedby="report-intro"
    >
      <input type="hidden" name="token" value={token} />
      <input type="hidden" name="locale" value={locale} />
      {formError ? (
        <div role="alert" className="rounded-md border border-red-700 bg-red-50 p-4 text-red-900">
          {te(formError.code, { ...limits, errorId: "", file: "", ...(formError.params ?? {}) })}
        </div>
      ) : null}
      {errorCount > 0 ? (
        <div
          ref={summaryRef}
          tabIndex={-1}
          role="alert"
          className="rounded-md border border-red-700 bg-red-50 p-4 text-red-900"
        >
          <p className="font-semibold">{t("errorSummary", { count: errorCount })}</p>
          <ul className="mt-2 list-disc pl-5">
            {Object.keys(errors).map((path) => (
              <li key={path}>
                <a className="underline" href={`#f-${path.replaceAll(".", "-")}`}>
                  {errorFor(path)}
                </a>
              </li>
            ))}
          </ul>
        </div>
      ) : null}

      <Section title={t("sections.what")}>
        <Field
          id="f-scamType"
          label={t("scamType")}
          required
          requiredLabel={t("required")}
          error={errorFor("scamType")}
        >
          {(a) => (
            <select {...a} name="scamType" defaultValue={v.scamType} className={inputClass}>
              <option value="">{t("chooseOne")}</option>
              {scamTypes.map((k) => (
                <option key={k} value={k}>
                  {o(`scamType.${k}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field
          id="f-incidentDate"
          label={t("incidentDate")}
          required
          requiredLabel={t("required")}
          error={errorFor("incidentDate")}
        >
          {(a) => (
            <input
              {...a}
              type="date"
              name="incidentDate"
              defaultValue={v.incidentDate}
              max={today}
              min="2000-01-01"
              className={inputClass}
            />
          )}
        </Field>
        <Field
          id="f-narrative"
          label={t("narrative")}
          hint={t("narrativeHint")}
          required
          requiredLabel={t("required")}
          error={errorFor("narrative")}
        >
          {(a) => (
            <textarea
              {...a}
              name="narrative"
              defaultValue={v.narrative}
              rows={6}
              maxLength={5000}
              className={inputClass}
            />
          )}
        </Field>
      </Section>

      <Section title={t("sections.contacts")} hint={t("contactsHint")}>
        <ContactsSection initialRows={state.rows.contacts} values={v} errorFor={errorFor} />
      </Section>

      <Section title={t("sections.payments")} hint={t("paymentsHint")}>
        <PaymentsSection initialRows={state.rows.payments} values={v} errorFor={errorFor} />
      </Section>

      <Section title={t("sections.platforms")} hint={t("platformsHint")}>
        <PlatformsSection initialRows={state.rows.platforms} values={v} errorFor={errorFor} />
      </Section>

      <Section title={t("sections.you")}>
        <div className="grid gap-4 sm:grid-cols-2">
          <Field
            id="f-victimName"
            label={t("victimName")}
            required
            requiredLabel={t("required")}
            error={errorFor("victimName")}
          >
            {(a) => (
              <input {...a} name="victimName" defaultValue={v.victimName} autoComplete="name" className={inputClass} />
            )}
          </Field>
          <Field
            id="f-victimPhone"
            label={t("victimPhone")}
            hint={t("victimPhoneHint")}
            required
            requiredLabel={t("required")}
            error={errorFor("victimPhone")}
          >
            {(a) => (
              <input
                {...a}
                type="tel"
                name="victimPhone"
                defaultValue={v.victimPhone}
                autoComplete="tel"
                className={inputClass}
              />
            )}
          </Field>
          <Field
            id="f-victimProvince"
            label={t("victimProvince")}
            required
            requiredLabel={t("required")}
            error={errorFor("victimProvince")}
          >
            {(a) => (
              <select {...a} name="victimProvince" defaultValue={v.victimProvince} className={inputClass}>
                <option value="">{t("chooseOne")}</option>
                {provinces.map((p) => (
                  <option key={p} value={p}>
                    {o(`province.${p}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field id="f-victimCity" label={t("victimCity")} error={errorFor("victimCity")}>
            {(a) => (
              <input
                {...a}
                name="victimCity"
                defaultValue={v.victimCity}
                autoComplete="address-level2"
                className={inputClass}
              />
            )}
          </Field>
        </div>
      </Section>

      <Section title={t("sections.evidence")}>
        {state.filesDropped ? (
          <p className="rounded-md bg-amber-50 p-3 text-amber-900">{t("evidenceReattach")}</p>
        ) : null}
        <EvidenceField
          id="f-evidence"
          label={t("evidence")}
          hint={t("evidenceHint", limits)}
          error={errorFor("evidence")}
        />
      </Section>

      <Section title={t("sections.consent")}>
        <div className="flex items-start gap-3">
          <input
            id="f-consent"
            type="checkbox"
            name="consent"
            defaultChecked={v.consent}
            className="mt-1 h-5 w-5"
            aria-invalid={errors.consent ? true : undefined}
            aria-describedby={errors.consent ? "f-consent-error" : undefined}
            aria-required
          />
          <label htmlFor="f-consent" className="text-slate-900">
            {t("consent")} <span className="text-red-800">*</span>
          </label>
        </div>
        {errors.consent ? (
          <p id="f-consent-error" className="text-sm font-medium text-red-800">
            {errorFor("consent")}
          </p>
        ) : null}
      </Section>

      <div className="sr-only-honeypot" aria-hidden="true">
        <label>
          {t("honeypot")}
          <input type="text" name="website" tabIndex={-1} autoComplete="off" defaultValue="" />
        </label>
      </div>

      <div className="flex flex-col gap-2">
        <Button type="submit" name="intent" value="submit" disabled={pending} className="w-full py-3 text-lg sm:w-auto">
          {pending ? t("submitting") : t("submit")}
        </Button>
        <noscript>
          <p className="text-sm text-slate-600">{t("noJsNote")}</p>
        </noscript>
      </div>
    </form>
  );
}

function Section({ title, hint, children }: { title: string; hint?: string; children: React.ReactNode }) {
  return (
    <section className="space-y-4 rounded-lg border border-slate-200 bg-white p-4 shadow-sm sm:p-6">
      <h2 className="text-lg font-semibold text-slate-900">{title}</h2>
      {hint ? <p className="text-sm text-slate-600">{hint}</p> : null}
      {children}
    </section>
  );
}
