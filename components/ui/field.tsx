import type { ReactNode } from "react";

export const inputClass =
  "block w-full rounded-md border border-slate-400 bg-white px-3 py-2 text-base text-slate-900 " +
  "focus:border-brand-600 focus:outline-none focus:ring-2 focus:ring-brand-600/40 " +
  "aria-[invalid=true]:border-red-700 aria-[invalid=true]:ring-red-700/30";

export interface FieldProps {
  id: string;
  label: string;
  required?: boolean;
  requiredLabel?: string;
  hint?: string;
  error?: string;
  children: (aria: {
    id: string;
    "aria-invalid": boolean | undefined;
    "aria-describedby": string | undefined;
    "aria-required": boolean | undefined;
  }) => ReactNode;
  className?: string;
}

/** Label, control, hint and error wired together for screen readers. */
export function Field({ id, label, required, requiredLabel, hint, error, children, className }: FieldProps) {
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [errorId, hintId].filter(Boolean).join(" ") || undefined;
  return (
    <div className={className ?? "space-y-1"}>
      <label htmlFor={id} className="block font-medium text-slate-900">
        {label}
        {required ? (
          <span className="text-red-800">
            {" "}
            *<span className="sr-only"> ({requiredLabel})</span>
          </span>
        ) : null}
      </label>
      {hint ? (
        <p id={hintId} className="text-sm text-slate-600">
          {hint}
        </p>
      ) : null}
      {children({
        id,
        "aria-invalid": error ? true : undefined,
        "aria-describedby": describedBy,
        "aria-required": required || undefined,
      })}
      {error ? (
        <p id={errorId} className="text-sm font-medium text-red-800">
          {error}
        </p>
      ) : null}
    </div>
  );
}

export function Button({
  children,
  variant = "primary",
  ...rest
}: React.ButtonHTMLAttributes<HTMLButtonElement> & { variant?: "primary" | "secondary" | "ghost" }) {
  const styles = {
    primary: "bg-brand-700 text-white hover:bg-brand-800 disabled:opacity-60",
    secondary: "border border-brand-700 text-brand-700 bg-white hover:bg-brand-50",
    ghost: "text-red-800 underline hover:text-red-900",
  }[variant];
  return (
    <button
      {...rest}
      className={`inline-flex items-center justify-center rounded-md px-4 py-2 font-medium focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-600 focus-visible:ring-offset-2 ${styles} ${rest.className ?? ""}`}
    >
      {children}
    </button>
  );
}
