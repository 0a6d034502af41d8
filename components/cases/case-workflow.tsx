import { getFormatter, getTranslations } from "next-intl/server";
import { transitions, type CaseHead, type CaseStatus } from "@/lib/cases";
import { inputClass } from "@/components/ui/field";
import { assign, changeStatus, note } from "@/lib/cases/actions";
import { CaseFormFields, Section, Submit } from "./forms";

/** Status (only the allowed next steps are offered), assignee and notes. */
export async function CaseWorkflow({
  c,
  locale,
  canWrite,
  staff,
}: {
  c: CaseHead;
  locale: string;
  canWrite: boolean;
  staff: { id: string; label: string }[];
}) {
  const t = await getTranslations("cases");
  const format = await getFormatter();
  const next = transitions[c.status as CaseStatus] ?? [];
  return (
    <>
      <Section id="workflow" title={t("workflow")}>
        <p>
          <span className="font-medium">{t("status")}:</span>{" "}
          <span data-testid="case-status">{t(`statuses.${c.status}` as never)}</span>
          {" · "}
          <span className="font-medium">{t("assignee")}:</span>{" "}
          <span data-testid="case-assignee">{c.assignee?.label ?? t("unassigned")}</span>
        </p>
        {canWrite ? (
          <div className="flex flex-wrap gap-6">
            <form action={changeStatus} className="flex items-end gap-2">
              <CaseFormFields locale={locale} number={c.number} />
              <div>
                <label htmlFor="status" className="block text-sm font-medium">
                  {t("changeStatus")}
                </label>
                <select id="status" name="status" className={inputClass}>
                  {next.map((s) => (
                    <option key={s} value={s}>
                      {t(`statuses.${s}`)}
                    </option>
                  ))}
                </select>
              </div>
              <Submit>{t("save")}</Submit>
            </form>
            <form action={assign} className="flex items-end gap-2">
              <CaseFormFields locale={locale} number={c.number} />
              <div>
                <label htmlFor="assigneeId" className="block text-sm font-medium">
                  {t("assignee")}
                </label>
                <select id="assigneeId" name="assigneeId" defaultValue={c.assignee?.id ?? ""} className={inputClass}>
                  <option value="">{t("unassigned")}</option>
                  {staff.map((s) => (
                    <option key={s.id} value={s.id}>
                      {s.label}
                    </option>
                  ))}
                </select>
              </div>
              <Submit>{t("assign")}</Submit>
            </form>
          </div>
        ) : null}
      </Section>
      <Section id="notes" title={t("notes")}>
        {c.notesHidden ? (
          <p className="text-sm text-slate-700">{t("notesHidden")}</p>
        ) : c.notes.length === 0 ? (
          <p className="text-sm">{t("noNotes")}</p>
        ) : null}
        <ul className="space-y-2">
          {c.notes.map((n) => (
            <li key={n.id} className="rounded-md bg-slate-50 p-2 text-sm">
              <p className="whitespace-pre-wrap">{n.body}</p>
              <p className="text-xs text-slate-600">
                {n.author ?? "—"} · {format.dateTime(n.at, { dateStyle: "medium", timeStyle: "short" })}
              </p>
            </li>
          ))}
        </ul>
        {canWrite ? (
          <form action={note} className="space-y-2">
            <CaseFormFields locale={locale} number={c.number} />
            <label htmlFor="note-body" className="block text-sm font-medium">
              {t("noteBody")}
            </label>
            <textarea id="note-body" name="body" required maxLength={5000} rows={3} className={inputClass} />
            <Submit>{t("addNote")}</Submit>
          </form>
        ) : null}
      </Section>
    </>
  );
}
