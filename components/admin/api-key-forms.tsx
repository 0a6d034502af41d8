"use client";
import { useTranslations } from "next-intl";
import { createApiKeyAction, revokeApiKeyAction } from "@/lib/lookup/actions";
import { createApiKeySchema, revokeApiKeySchema } from "@/lib/lookup/schemas";
import { Button, Field, inputClass } from "@/components/ui/field";
import { FormStatus } from "@/components/staff/form-status";
import { useStaffForm } from "@/components/staff/use-staff-form";

/** Issue a key; the answer shows the key once (works without JavaScript: the action renders it). */
export function CreateApiKeyForm() {
  const t = useTranslations("lookup.admin");
  const te = useTranslations("errors");
  const { state, formAction, pending, errors, onSubmit, value } = useStaffForm(createApiKeyAction, createApiKeySchema);
  const err = (name: string) => (errors[name] ? te(errors[name]!, { errorId: "" }) : undefined);
  return (
    <form
      key={state.seq}
      action={formAction}
      onSubmit={onSubmit}
      noValidate
      className="space-y-4"
      aria-labelledby="create-key-heading"
    >
      <FormStatus
        state={state}
        success={
          state.data ? (
            <>
              {t("created1", { name: state.data.name })}
              <code className="mt-1 block break-all rounded bg-white px-1 font-mono text-base" data-testid="api-key">
                {state.data.key}
              </code>
            </>
          ) : null
        }
      />
      <div className="grid gap-4 sm:grid-cols-3">
        <Field id="key-name" label={t("name")} error={err("name")}>
          {(a) => <input {...a} name="name" defaultValue={value("name")} maxLength={100} className={inputClass} />}
        </Field>
        <Field id="key-org" label={t("organisation")} error={err("organisation")}>
          {(a) => (
            <input
              {...a}
              name="organisation"
              defaultValue={value("organisation")}
              maxLength={200}
              className={inputClass}
            />
          )}
        </Field>
        <Field id="key-rate" label={t("rate")} error={err("ratePerMinute")}>
          {(a) => (
            <input
              {...a}
              name="ratePerMinute"
              type="number"
              min={1}
              inputMode="numeric"
              defaultValue={value("ratePerMinute") || "600"}
              className={inputClass}
            />
          )}
        </Field>
      </div>
      <Button type="submit" disabled={pending}>
        {t("createSubmit")}
      </Button>
    </form>
  );
}

export function RevokeApiKeyForm({ id, name }: { id: string; name: string }) {
  const t = useTranslations("lookup.admin");
  const { state, formAction, pending, onSubmit } = useStaffForm(revokeApiKeyAction, revokeApiKeySchema);
  return (
    <form action={formAction} onSubmit={onSubmit} className="space-y-2">
      <FormStatus state={state} success={state.data ? t("revokedDone", { name: state.data.name }) : null} />
      <input type="hidden" name="id" value={id} />
      <Button type="submit" variant="ghost" disabled={pending} aria-label={t("revokeLabel", { name })}>
        {t("revoke")}
      </Button>
    </form>
  );
}
