/**
 * Turns the report form's flat FormData ("payments.1.amount") into the nested
 * shape the schema validates. Rows a victim left blank are dropped, so an
 * untouched spare row is never an error. Used by the browser and the server.
 */
export interface ReportFormValues {
  scamType: string;
  incidentDate: string;
  narrative: string;
  contacts: { kind: string; value: string }[];
  payments: {
    amount: string;
    currency: string;
    paidAt: string;
    method: string;
    payeeKind: string;
    payeeValue: string;
    payeeName: string;
    payeeBank: string;
  }[];
  platforms: { name: string; role: string }[];
  victimName: string;
  victimPhone: string;
  victimProvince: string;
  victimCity: string;
  consent: boolean;
}

type Row = Record<string, string>;

function rows(fd: FormData, prefix: string): [number, Row][] {
  const byIndex = new Map<number, Row>();
  for (const [name, value] of fd.entries()) {
    if (typeof value !== "string" || !name.startsWith(`${prefix}.`)) continue;
    const [, idx, field] = name.split(".");
    const i = Number(idx);
    if (!field || !Number.isInteger(i) || i < 0 || i > 999) continue;
    const row = byIndex.get(i) ?? {};
    row[field] = value;
    byIndex.set(i, row);
  }
  return [...byIndex.entries()].sort((a, b) => a[0] - b[0]);
}

const str = (fd: FormData, name: string) => {
  const v = fd.get(name);
  return typeof v === "string" ? v : "";
};

const blank = (row: Row, fields: string[]) => fields.every((f) => !(row[f] ?? "").trim());

/** Where each kept row sat in the form, so errors can point at the right row. */
export interface RowIndex {
  contacts: number[];
  payments: number[];
  platforms: number[];
}

const lists = ["contacts", "payments", "platforms"] as const;

/**
 * Schema errors use positions in the compacted lists; the browser shows them on
 * the rows as they stand in the form.
 */
export function errorsToFormRows(errors: Record<string, string>, index: RowIndex): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [path, code] of Object.entries(errors)) {
    const [list, pos, ...rest] = path.split(".");
    const rowsOf = lists.find((l) => l === list);
    const at = rowsOf && pos !== undefined ? index[rowsOf][Number(pos)] : undefined;
    out[at !== undefined ? [list, at, ...rest].join(".") : path] = code;
  }
  return out;
}

export function reportValuesFromFormData(fd: FormData): ReportFormValues {
  return parseReportFormData(fd).values;
}

export function parseReportFormData(fd: FormData): { values: ReportFormValues; index: RowIndex } {
  const index: RowIndex = { contacts: [], payments: [], platforms: [] };
  const keep = (list: keyof RowIndex, fields: string[]) =>
    rows(fd, list)
      .filter(([i, r]) => (blank(r, fields) ? false : (index[list].push(i), true)))
      .map(([, r]) => r);
  const contacts = keep("contacts", ["value"]);
  const payments = keep("payments", ["amount", "paidAt", "payeeValue", "payeeName", "payeeBank"]);
  const platforms = keep("platforms", ["name"]);
  const values: ReportFormValues = {
    scamType: str(fd, "scamType"),
    incidentDate: str(fd, "incidentDate"),
    narrative: str(fd, "narrative"),
    contacts: contacts.map((r) => ({ kind: r.kind ?? "", value: r.value ?? "" })),
    payments: payments.map((r) => ({
      amount: r.amount ?? "",
      currency: r.currency ?? "CNY",
      paidAt: r.paidAt ?? "",
      method: r.method ?? "",
      payeeKind: r.payeeKind ?? "",
      payeeValue: r.payeeValue ?? "",
      payeeName: r.payeeName ?? "",
      payeeBank: r.payeeBank ?? "",
    })),
    platforms: platforms.map((r) => ({ name: r.name ?? "", role: r.role ?? "" })),
    victimName: str(fd, "victimName"),
    victimPhone: str(fd, "victimPhone"),
    victimProvince: str(fd, "victimProvince"),
    victimCity: str(fd, "victimCity"),
    consent: fd.get("consent") === "on" || fd.get("consent") === "true",
  };
  return { values, index };
}

export function emptyReportValues(): ReportFormValues {
  return {
    scamType: "",
    incidentDate: "",
    narrative: "",
    contacts: [],
    payments: [],
    platforms: [],
    victimName: "",
    victimPhone: "",
    victimProvince: "",
    victimCity: "",
    consent: false,
  };
}
