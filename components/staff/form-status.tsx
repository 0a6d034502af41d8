"use client";
import { useTranslations } from "next-intl";
import type { StaffActionState } from "@/lib/actions/staff-action-state";

/** The form-level answer of a staff action: an alert on error, a status line on success. */
export function FormStatus({ state, success }: { state: StaffActionState<unknown>; success?: React.ReactNode }) {
  const te = useTranslations("errors");
  if (state.status === "error" && state.code) {
    // Field errors are shown beside their fields; "invalid" then only needs a summary.
    return (
      <div role="alert" className="rounded-md border border-red-700 bg-red-50 p-3 text-red-900">
        {te(state.code === "invalid" && state.fieldErrors ? "checkFields" : state.code, {
          ...state.params,
          errorId: state.errorId ?? "",
        })}
      </div>
    );
  }
  if (state.status === "ok" && success) {
    return (
      <div role="status" className="rounded-md border border-green-700 bg-green-50 p-3 text-green-900">
        {success}
      </div>
    );
  }
  return null;
}
