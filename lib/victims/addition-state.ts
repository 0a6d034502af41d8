/**
 * What the "add information" action answers to `useActionState`. Pure and
 * client-safe: the form component imports it as well as the action.
 */
import type { AdditionFormValues } from "./addition-schema";

export interface AddInformationState {
  /** Increases with every answer; the form re-mounts with `values` under it as key. */
  seq: number;
  status: "idle" | "added" | "error";
  /** When the addition was stored (ISO), for the confirmation. */
  addedAt?: string;
  /** Key under additions.errors.* or errors.* for the form as a whole. */
  code?: string;
  params?: Record<string, string | number>;
  /** Field path ("payments.0.amount") → key under errors.*. */
  fieldErrors?: Record<string, string>;
  /** What was typed, to fill the form again after an error (never files). */
  values?: AdditionFormValues;
}

export const initialAddInformationState: AddInformationState = { seq: 0, status: "idle" };

export function emptyAdditionValues(): AdditionFormValues {
  return { contacts: [], payments: [], platforms: [] };
}
