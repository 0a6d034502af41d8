"use client";
import { useTranslations } from "next-intl";
import { updateOrganisationAction } from "@/lib/users/actions";
import { orgKinds, ROUTE_KEY_FIELD, updateOrganisationSchema } from "@/lib/users/schemas";
import { isKnownRouteKey } from "@/lib/liaison/route-keys";
import { Button, Field, inputClass } from "@/components/ui/field";
import { FormStatus } from "@/components/staff/form-status";
import { useStaffForm } from "@/components/staff/use-staff-form";

export interface RouteKeyOption {
  key: string;
  group: "bank" | "telecom" | "company";
  /** The bank, operator or company, in the page's language. */
  label: string;
}

export interface OrganisationFormValues {
  id: string;
  name: string;
  kind: string;
  platformId: number | null;
  routeKeys: string[];
}

const GROUPS = ["bank", "telecom", "company"] as const;

/**
 * An organisation's name, kind, linked platform and routing keys: known keys
 * as checkboxes per group ("rk.<key>"), the others typed one per line. A
 * plain form: without JavaScript it posts to the action and comes back with
 * the answer.
 */
export function OrganisationForm({
  org,
  platforms,
  keyOptions,
}: {
  org: OrganisationFormValues;
  platforms: { id: number; name: string }[];
  keyOptions: RouteKeyOption[];
}) {
  const t = useTranslations("admin");
  const tr = useTranslations("routing");
  const te = useTranslations("errors");
  const { state, formAction, pending, errors, onSubmit, value } = useStaffForm(
    updateOrganisationAction,
    updateOrganisationSchema,
  );
  const err = (name: string) => (errors[name] ? te(errors[name]!, { errorId: "" }) : undefined);
  const failed = state.status === "error";
  const checked = (key: string) => (failed ? value(`${ROUTE_KEY_FIELD}${key}`) !== "" : org.routeKeys.includes(key));
  const extra = failed ? value("extraKeys") : org.routeKeys.filter((k) => !isKnownRouteKey(k)).join("\n");
  return (
    <form
      key={state.seq}
      action={formAction}
      onSubmit={onSubmit}
      noValidate
      className="space-y-5"
      aria-labelledby="org-edit-heading"
    >
      <FormStatus state={state} success={state.data ? tr("admin.saved", { name: state.data.name }) : null} />
      <input type="hidden" name="orgId" value={org.id} />
      <div className="grid gap-4 sm:grid-cols-2">
        <Field id="org-edit-name" label={t("orgName")} error={err("name")}>
          {(a) => (
            <input
              {...a}
              name="name"
              autoComplete="off"
              defaultValue={failed ? value("name") : org.name}
              className={inputClass}
            />
          )}
        </Field>
        <Field id="org-edit-kind" label={t("orgKind")} error={err("kind")}>
          {(a) => (
            <select {...a} name="kind" defaultValue={(failed && value("kind")) || org.kind} className={inputClass}>
              {orgKinds.map((k) => (
                <option key={k} value={k}>
                  {t(`orgKinds.${k}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field
          id="org-edit-platform"
          label={tr("admin.platform")}
          hint={tr("admin.platformHint")}
          error={err("platformId")}
          className="space-y-1 sm:col-span-2"
        >
          {(a) => (
            <select
              {...a}
              name="platformId"
              defaultValue={failed ? value("platformId") : (org.platformId?.toString() ?? "")}
              className={inputClass}
            >
              <option value="">{tr("admin.noPlatform")}</option>
              {platforms.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <p className="text-sm text-slate-700">{tr("admin.intro")}</p>
      {GROUPS.map((group) => (
        <fieldset key={group} className="rounded-md border border-slate-300 p-3">
          <legend className="px-1 font-medium">{tr(`groups.${group}`)}</legend>
          <div className="grid gap-x-4 gap-y-1 sm:grid-cols-2 lg:grid-cols-3">
            {keyOptions
              .filter((o) => o.group === group)
              .map((o) => (
                <label key={o.key} className="flex items-start gap-2 text-sm">
                  <input
                    type="checkbox"
                    name={`${ROUTE_KEY_FIELD}${o.key}`}
                    defaultChecked={checked(o.key)}
                    className="mt-1"
                  />
                  <span>
                    {o.label} <span className="font-mono text-xs text-slate-600">{o.key}</span>
                  </span>
                </label>
              ))}
          </div>
        </fieldset>
      ))}
      <Field
        id="org-edit-extra"
        label={tr("admin.extraKeys")}
        hint={tr("admin.extraKeysHint")}
        error={err("extraKeys")}
      >
        {(a) => (
          <textarea {...a} name="extraKeys" rows={3} defaultValue={extra} className={`${inputClass} font-mono`} />
        )}
      </Field>
      <Button type="submit" disabled={pending}>
        {tr("admin.save")}
      </Button>
    </form>
  );
}
