"use client";
import type { InputHTMLAttributes } from "react";
import { useTranslations } from "next-intl";
import { Field, inputClass } from "@/components/ui/field";
import { contactKinds, payeeKinds, paymentMethods, platformRoles } from "@/lib/vocab";
import type { ReportFormValues } from "@/lib/reports/form-data";

export type ErrorFor = (path: string) => string | undefined;

/**
 * The fields of one contact, payment or platform row, shared by the report
 * form and the status page's "add information" form. Both post the same field
 * names ("payments.0.amount", …) so the server reads them with one reader and
 * one schema; only the element ids differ (`idPrefix`), as both may never be
 * on one page but each needs stable ids for its labels.
 */
interface RowFieldsProps<V> {
  i: number;
  idPrefix: string;
  v: V | undefined;
  errorFor: ErrorFor;
}

type Contact = ReportFormValues["contacts"][number];
type Payment = ReportFormValues["payments"][number];
type Platform = ReportFormValues["platforms"][number];

function ids(list: string, i: number, idPrefix: string) {
  return {
    name: (field: string) => `${list}.${i}.${field}`,
    id: (field: string) => `${idPrefix}-${list}-${i}-${field}`,
  };
}

function TextInput({
  list,
  field,
  label,
  i,
  idPrefix,
  value,
  errorFor,
  ...rest
}: {
  list: string;
  field: string;
  label: string;
  i: number;
  idPrefix: string;
  value: string;
  errorFor: ErrorFor;
} & Omit<InputHTMLAttributes<HTMLInputElement>, "name" | "id" | "defaultValue">) {
  const n = ids(list, i, idPrefix);
  return (
    <Field id={n.id(field)} label={label} error={errorFor(n.name(field))}>
      {(a) => <input {...a} {...rest} name={n.name(field)} defaultValue={value} className={inputClass} />}
    </Field>
  );
}

function Choice({
  list,
  field,
  label,
  i,
  idPrefix,
  value,
  errorFor,
  options,
  optionLabel,
}: {
  list: string;
  field: string;
  label: string;
  i: number;
  idPrefix: string;
  value: string;
  errorFor: ErrorFor;
  options: readonly string[];
  optionLabel: (k: string) => string;
}) {
  const n = ids(list, i, idPrefix);
  return (
    <Field id={n.id(field)} label={label} error={errorFor(n.name(field))}>
      {(a) => (
        <select {...a} name={n.name(field)} defaultValue={value} className={inputClass}>
          {options.map((k) => (
            <option key={k} value={k}>
              {optionLabel(k)}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

export function ContactFields({ i, idPrefix, v, errorFor }: RowFieldsProps<Contact>) {
  const t = useTranslations("report");
  const o = useTranslations("options");
  const at = { list: "contacts", i, idPrefix, errorFor };
  return (
    <>
      <Choice
        {...at}
        field="kind"
        label={t("contactKind")}
        value={v?.kind || "phone"}
        options={contactKinds}
        optionLabel={(k) => o(`contactKind.${k}`)}
      />
      <TextInput {...at} field="value" label={t("contactValue")} value={v?.value ?? ""} maxLength={200} />
    </>
  );
}

export function PaymentFields({ i, idPrefix, v, errorFor }: RowFieldsProps<Payment>) {
  const t = useTranslations("report");
  const o = useTranslations("options");
  const at = { list: "payments", i, idPrefix, errorFor };
  return (
    <>
      <TextInput {...at} field="amount" label={t("amount")} value={v?.amount ?? ""} inputMode="decimal" />
      <TextInput
        {...at}
        field="currency"
        label={t("currency")}
        value={v?.currency || "CNY"}
        maxLength={3}
        autoCapitalize="characters"
      />
      <TextInput {...at} field="paidAt" label={t("paidAt")} value={v?.paidAt ?? ""} type="datetime-local" />
      <Choice
        {...at}
        field="method"
        label={t("method")}
        value={v?.method || "bank_transfer"}
        options={paymentMethods}
        optionLabel={(k) => o(`method.${k}`)}
      />
      <Choice
        {...at}
        field="payeeKind"
        label={t("payeeKind")}
        value={v?.payeeKind || "bank_account"}
        options={payeeKinds}
        optionLabel={(k) => o(`payeeKind.${k}`)}
      />
      <TextInput {...at} field="payeeValue" label={t("payeeValue")} value={v?.payeeValue ?? ""} maxLength={200} />
      <TextInput {...at} field="payeeName" label={t("payeeName")} value={v?.payeeName ?? ""} maxLength={200} />
      <TextInput {...at} field="payeeBank" label={t("payeeBank")} value={v?.payeeBank ?? ""} maxLength={200} />
    </>
  );
}

export function PlatformFields({ i, idPrefix, v, errorFor }: RowFieldsProps<Platform>) {
  const t = useTranslations("report");
  const o = useTranslations("options");
  const at = { list: "platforms", i, idPrefix, errorFor };
  return (
    <>
      <TextInput {...at} field="name" label={t("platformName")} value={v?.name ?? ""} maxLength={200} />
      <Choice
        {...at}
        field="role"
        label={t("platformRole")}
        value={v?.role || "order_leaked"}
        options={platformRoles}
        optionLabel={(k) => o(`platformRole.${k}`)}
      />
    </>
  );
}

/** The evidence file input; the type check happens on the server, from the bytes. */
export function EvidenceField({ id, hint, error, label }: { id: string; hint: string; error?: string; label: string }) {
  return (
    <Field id={id} label={label} hint={hint} error={error}>
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
  );
}
