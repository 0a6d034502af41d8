/**
 * The report form posted as a browser without JavaScript posts it: every
 * control of the page's <form> with its default value (the server action's
 * hidden $ACTION_* fields and the form's token included), the victim's entries
 * over them, and the submit button. Used by e2e/concurrent-reports.spec.ts and
 * `npm run bench:embedded`.
 */
import { DomUtils, parseDocument } from "htmlparser2";

type Element = NonNullable<ReturnType<typeof DomUtils.findOne>>;

const UNSENT = new Set(["submit", "button", "reset", "file", "image"]);

/** [name, value] pairs a browser would send for the first <form> of `html`, before anything is typed. */
export function formDefaults(html: string): [string, string][] {
  const form = DomUtils.findOne((e) => e.name === "form", parseDocument(html).children);
  if (!form) throw new Error("no <form> in the page");
  const out: [string, string][] = [];
  for (const el of DomUtils.findAll((e) => ["input", "select", "textarea"].includes(e.name), form.children)) {
    const name = el.attribs.name;
    if (!name || "disabled" in el.attribs) continue;
    if (el.name === "textarea") out.push([name, DomUtils.textContent(el)]);
    else if (el.name === "select") out.push([name, selected(el)]);
    else {
      const type = (el.attribs.type ?? "text").toLowerCase();
      if (UNSENT.has(type)) continue;
      if ((type === "checkbox" || type === "radio") && !("checked" in el.attribs)) continue;
      out.push([name, el.attribs.value ?? (type === "checkbox" || type === "radio" ? "on" : "")]);
    }
  }
  return out;
}

function selected(select: Element): string {
  const options = DomUtils.findAll((e) => e.name === "option", select.children);
  const option = options.find((o) => "selected" in o.attribs) ?? options[0];
  return option ? (option.attribs.value ?? DomUtils.textContent(option)) : "";
}

/** A victim's report as form fields: one scammer phone, one payment to an account, no files. */
export interface ReportEntries {
  narrative: string;
  scammerPhone: string;
  amount: string;
  payeeAccount: string;
  payeeName: string;
  victimPhone: string;
}

/** The defaults with the victim's entries typed over them, and the "Submit report" button pressed. */
export function filledReportForm(html: string, r: ReportEntries): FormData {
  return reportFormFiller(html)(r);
}

/** filledReportForm for many victims of one page: the page is parsed once. */
export function reportFormFiller(html: string): (r: ReportEntries) => FormData {
  const defaults = formDefaults(html);
  return (r) => filled(defaults, r);
}

function filled(defaults: [string, string][], r: ReportEntries): FormData {
  const typed: Record<string, string> = {
    scamType: "courier_compensation",
    incidentDate: "2026-05-25",
    narrative: r.narrative,
    "contacts.0.kind": "phone",
    "contacts.0.value": r.scammerPhone,
    "payments.0.amount": r.amount,
    "payments.0.method": "bank_transfer",
    "payments.0.payeeKind": "bank_account",
    "payments.0.payeeValue": r.payeeAccount,
    "payments.0.payeeName": r.payeeName,
    victimName: "Li Na",
    victimPhone: r.victimPhone,
    victimProvince: "Shandong",
    victimCity: "Jinan",
    consent: "on",
    intent: "submit",
  };
  const fd = new FormData();
  for (const [name, value] of defaults) if (!(name in typed)) fd.append(name, value);
  for (const [name, value] of Object.entries(typed)) fd.append(name, value);
  // An empty file input is still sent by browsers, as an empty part.
  fd.append("evidence", new Blob([]), "");
  return fd;
}

/** The receipt's reference and PIN in the page a post answered with, if it shows one. */
export function receiptOf(html: string): { reference: string; pin: string } | null {
  const doc = parseDocument(html);
  const text = (id: string) => {
    const el = DomUtils.findOne((e) => e.attribs["data-testid"] === id, doc.children);
    return el ? DomUtils.textContent(el).trim() : "";
  };
  const reference = text("reference");
  const pin = text("pin");
  return /^R-\d{4}-\d{6}$/.test(reference) && /^\d{8}$/.test(pin) ? { reference, pin } : null;
}
