"use client";
import { useActionState, useState, type FormEvent } from "react";
import type { z } from "zod";
import { fieldErrorsOf, formDataToObject, type StaffActionState } from "@/lib/actions/staff-action-state";

type Action<D> = (prev: StaffActionState<D>, fd: FormData) => Promise<StaffActionState<D>>;

/**
 * useActionState plus a check with the form's own schema before sending (with
 * JavaScript). Without JavaScript the form posts straight to the action, which
 * runs the same schema.
 */
export function useStaffForm<D>(action: Action<D>, schema: z.ZodType) {
  const [state, formAction, pending] = useActionState(action, { seq: 0, status: "idle" } as StaffActionState<D>);
  const [client, setClient] = useState<{ seq: number; errors: Record<string, string> } | null>(null);
  const errors = client && client.seq === state.seq ? client.errors : (state.fieldErrors ?? {});
  function onSubmit(e: FormEvent<HTMLFormElement>) {
    const parsed = schema.safeParse(formDataToObject(new FormData(e.currentTarget)));
    if (parsed.success) {
      setClient(null);
      return;
    }
    e.preventDefault();
    const found = fieldErrorsOf(parsed.error);
    setClient({ seq: state.seq, errors: found });
    const first = Object.keys(found)[0];
    const el = first ? e.currentTarget.elements.namedItem(first) : null;
    if (el instanceof HTMLElement) el.focus();
  }
  const value = (name: string) => (state.status === "error" ? (state.values?.[name] ?? "") : "");
  return { state, formAction, pending, errors, onSubmit, value };
}
