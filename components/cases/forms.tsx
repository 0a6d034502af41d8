import type { ReactNode } from "react";
import { inputClass } from "@/components/ui/field";

/**
 * Hidden fields every case form carries: the case, by the number the page
 * shows (the action's service loads everything else through it), and the
 * language to come back in.
 */
export function CaseFormFields({ locale, number }: { locale: string; number: string }) {
  return (
    <>
      <input type="hidden" name="locale" value={locale} />
      <input type="hidden" name="number" value={number} />
    </>
  );
}

export function ReasonField({ id, label, hint }: { id: string; label: string; hint: string }) {
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium">
        {label} *
      </label>
      <input id={id} name="reason" required maxLength={1000} aria-describedby={`${id}-hint`} className={inputClass} />
      <p id={`${id}-hint`} className="text-xs text-slate-600">
        {hint}
      </p>
    </div>
  );
}

export function Submit({ children, variant = "primary" }: { children: ReactNode; variant?: "primary" | "secondary" }) {
  const cls =
    variant === "primary"
      ? "bg-brand-700 text-white hover:bg-brand-800"
      : "border border-brand-700 bg-white text-brand-700 hover:bg-brand-50";
  return (
    <button type="submit" className={`rounded-md px-3 py-2 text-sm font-medium ${cls}`}>
      {children}
    </button>
  );
}

export function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section id={id} aria-labelledby={`${id}-h`} className="space-y-3 rounded-lg border border-slate-300 bg-white p-4">
      <h2 id={`${id}-h`} className="text-lg font-semibold">
        {title}
      </h2>
      {children}
    </section>
  );
}
