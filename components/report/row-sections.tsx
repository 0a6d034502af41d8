"use client";
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/field";
import type { ReportFormValues } from "@/lib/reports/form-data";
import { useRows } from "./use-rows";
import { ContactFields, PaymentFields, PlatformFields, type ErrorFor } from "./row-fields";

export type { ErrorFor };

interface SectionProps {
  initialRows: number;
  values: ReportFormValues;
  errorFor: ErrorFor;
}

function RowButtons({
  list,
  pos,
  count,
  removeLabel,
  onRemove,
}: {
  list: string;
  pos: number;
  count: number;
  removeLabel: string;
  onRemove: (pos: number) => void;
}) {
  const t = useTranslations("report");
  if (count <= 1) return null;
  return (
    <Button
      type="submit"
      name="intent"
      value={`remove:${list}:${pos}`}
      variant="ghost"
      aria-label={removeLabel}
      onClick={(e) => {
        e.preventDefault();
        onRemove(pos);
      }}
    >
      {t("remove")}
    </Button>
  );
}

function AddButton({ list, label, onAdd }: { list: string; label: string; onAdd: () => void }) {
  return (
    <Button
      type="submit"
      name="intent"
      value={`add:${list}`}
      variant="secondary"
      formNoValidate
      onClick={(e) => {
        e.preventDefault();
        onAdd();
      }}
    >
      + {label}
    </Button>
  );
}

export function ContactsSection({ initialRows, values, errorFor }: SectionProps) {
  const t = useTranslations("report");
  const rows = useRows(initialRows);
  return (
    <div className="space-y-4">
      {rows.ids.map((id, i) => (
        <fieldset key={id} className="grid gap-3 rounded-md border border-slate-300 p-3 sm:grid-cols-[12rem_1fr_auto]">
          <legend className="px-1 text-sm font-medium text-slate-700">{t("contactN", { n: i + 1 })}</legend>
          <ContactFields i={i} idPrefix="f" v={values.contacts[id]} errorFor={errorFor} />
          <div className="self-end">
            <RowButtons
              list="contacts"
              pos={i}
              count={rows.ids.length}
              removeLabel={t("removeContact", { n: i + 1 })}
              onRemove={rows.remove}
            />
          </div>
        </fieldset>
      ))}
      <AddButton list="contacts" label={t("addContact")} onAdd={rows.add} />
    </div>
  );
}

export function PaymentsSection({ initialRows, values, errorFor }: SectionProps) {
  const t = useTranslations("report");
  const rows = useRows(initialRows);
  return (
    <div className="space-y-4">
      {rows.ids.map((id, i) => (
        <fieldset key={id} className="grid gap-3 rounded-md border border-slate-300 p-3 sm:grid-cols-2">
          <legend className="px-1 text-sm font-medium text-slate-700">{t("paymentN", { n: i + 1 })}</legend>
          <PaymentFields i={i} idPrefix="f" v={values.payments[id]} errorFor={errorFor} />
          <div className="sm:col-span-2">
            <RowButtons
              list="payments"
              pos={i}
              count={rows.ids.length}
              removeLabel={t("removePayment", { n: i + 1 })}
              onRemove={rows.remove}
            />
          </div>
        </fieldset>
      ))}
      <AddButton list="payments" label={t("addPayment")} onAdd={rows.add} />
    </div>
  );
}

export function PlatformsSection({ initialRows, values, errorFor }: SectionProps) {
  const t = useTranslations("report");
  const rows = useRows(initialRows);
  return (
    <div className="space-y-4">
      {rows.ids.map((id, i) => (
        <fieldset key={id} className="grid gap-3 rounded-md border border-slate-300 p-3 sm:grid-cols-[1fr_16rem_auto]">
          <legend className="px-1 text-sm font-medium text-slate-700">{t("platformN", { n: i + 1 })}</legend>
          <PlatformFields i={i} idPrefix="f" v={values.platforms[id]} errorFor={errorFor} />
          <div className="self-end">
            <RowButtons
              list="platforms"
              pos={i}
              count={rows.ids.length}
              removeLabel={t("removePlatform", { n: i + 1 })}
              onRemove={rows.remove}
            />
          </div>
        </fieldset>
      ))}
      <AddButton list="platforms" label={t("addPlatform")} onAdd={rows.add} />
    </div>
  );
}
