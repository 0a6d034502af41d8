"use client";
import { useTranslations } from "next-intl";
import { Button, Field, inputClass } from "@/components/ui/field";
import { contactKinds, payeeKinds, paymentMethods, platformRoles } from "@/lib/vocab";
import type { ReportFormValues } from "@/lib/reports/form-data";
import { useRows } from "./use-rows";

export type ErrorFor = (path: string) => string | undefined;

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
  const o = useTranslations("options");
  const rows = useRows(initialRows);
  return (
    <div className="space-y-4">
      {rows.ids.map((id, i) => {
        const v = values.contacts[id];
        return (
          <fieldset
            key={id}
            className="grid gap-3 rounded-md border border-slate-300 p-3 sm:grid-cols-[12rem_1fr_auto]"
          >
            <legend className="px-1 text-sm font-medium text-slate-700">{t("contactN", { n: i + 1 })}</legend>
            <Field id={`f-contacts-${i}-kind`} label={t("contactKind")} error={errorFor(`contacts.${i}.kind`)}>
              {(a) => (
                <select {...a} name={`contacts.${i}.kind`} defaultValue={v?.kind || "phone"} className={inputClass}>
                  {contactKinds.map((k) => (
                    <option key={k} value={k}>
                      {o(`contactKind.${k}`)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field id={`f-contacts-${i}-value`} label={t("contactValue")} error={errorFor(`contacts.${i}.value`)}>
              {(a) => (
                <input
                  {...a}
                  name={`contacts.${i}.value`}
                  defaultValue={v?.value ?? ""}
                  className={inputClass}
                  maxLength={200}
                />
              )}
            </Field>
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
        );
      })}
      <AddButton list="contacts" label={t("addContact")} onAdd={rows.add} />
    </div>
  );
}

export function PaymentsSection({ initialRows, values, errorFor }: SectionProps) {
  const t = useTranslations("report");
  const o = useTranslations("options");
  const rows = useRows(initialRows);
  return (
    <div className="space-y-4">
      {rows.ids.map((id, i) => {
        const v = values.payments[id];
        const f = (name: string) => `payments.${i}.${name}`;
        const fid = (name: string) => `f-payments-${i}-${name}`;
        return (
          <fieldset key={id} className="grid gap-3 rounded-md border border-slate-300 p-3 sm:grid-cols-2">
            <legend className="px-1 text-sm font-medium text-slate-700">{t("paymentN", { n: i + 1 })}</legend>
            <Field id={fid("amount")} label={t("amount")} error={errorFor(f("amount"))}>
              {(a) => (
                <input
                  {...a}
                  name={f("amount")}
                  defaultValue={v?.amount ?? ""}
                  inputMode="decimal"
                  className={inputClass}
                />
              )}
            </Field>
            <Field id={fid("currency")} label={t("currency")} error={errorFor(f("currency"))}>
              {(a) => (
                <input
                  {...a}
                  name={f("currency")}
                  defaultValue={v?.currency || "CNY"}
                  className={inputClass}
                  maxLength={3}
                  autoCapitalize="characters"
                />
              )}
            </Field>
            <Field id={fid("paidAt")} label={t("paidAt")} error={errorFor(f("paidAt"))}>
              {(a) => (
                <input
                  {...a}
                  type="datetime-local"
                  name={f("paidAt")}
                  defaultValue={v?.paidAt ?? ""}
                  className={inputClass}
                />
              )}
            </Field>
            <Field id={fid("method")} label={t("method")} error={errorFor(f("method"))}>
              {(a) => (
                <select {...a} name={f("method")} defaultValue={v?.method || "bank_transfer"} className={inputClass}>
                  {paymentMethods.map((k) => (
                    <option key={k} value={k}>
                      {o(`method.${k}`)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field id={fid("payeeKind")} label={t("payeeKind")} error={errorFor(f("payeeKind"))}>
              {(a) => (
                <select
                  {...a}
                  name={f("payeeKind")}
                  defaultValue={v?.payeeKind || "bank_account"}
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
            <Field id={fid("payeeValue")} label={t("payeeValue")} error={errorFor(f("payeeValue"))}>
              {(a) => (
                <input
                  {...a}
                  name={f("payeeValue")}
                  defaultValue={v?.payeeValue ?? ""}
                  className={inputClass}
                  maxLength={200}
                />
              )}
            </Field>
            <Field id={fid("payeeName")} label={t("payeeName")} error={errorFor(f("payeeName"))}>
              {(a) => (
                <input
                  {...a}
                  name={f("payeeName")}
                  defaultValue={v?.payeeName ?? ""}
                  className={inputClass}
                  maxLength={200}
                />
              )}
            </Field>
            <Field id={fid("payeeBank")} label={t("payeeBank")} error={errorFor(f("payeeBank"))}>
              {(a) => (
                <input
                  {...a}
                  name={f("payeeBank")}
                  defaultValue={v?.payeeBank ?? ""}
                  className={inputClass}
                  maxLength={200}
                />
              )}
            </Field>
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
        );
      })}
      <AddButton list="payments" label={t("addPayment")} onAdd={rows.add} />
    </div>
  );
}

export function PlatformsSection({ initialRows, values, errorFor }: SectionProps) {
  const t = useTranslations("report");
  const o = useTranslations("options");
  const rows = useRows(initialRows);
  return (
    <div className="space-y-4">
      {rows.ids.map((id, i) => {
        const v = values.platforms[id];
        return (
          <fieldset
            key={id}
            className="grid gap-3 rounded-md border border-slate-300 p-3 sm:grid-cols-[1fr_16rem_auto]"
          >
            <legend className="px-1 text-sm font-medium text-slate-700">{t("platformN", { n: i + 1 })}</legend>
            <Field id={`f-platforms-${i}-name`} label={t("platformName")} error={errorFor(`platforms.${i}.name`)}>
              {(a) => (
                <input
                  {...a}
                  name={`platforms.${i}.name`}
                  defaultValue={v?.name ?? ""}
                  className={inputClass}
                  maxLength={200}
                />
              )}
            </Field>
            <Field id={`f-platforms-${i}-role`} label={t("platformRole")} error={errorFor(`platforms.${i}.role`)}>
              {(a) => (
                <select
                  {...a}
                  name={`platforms.${i}.role`}
                  defaultValue={v?.role || "order_leaked"}
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
        );
      })}
      <AddButton list="platforms" label={t("addPlatform")} onAdd={rows.add} />
    </div>
  );
}
