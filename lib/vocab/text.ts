/**
 * Text hygiene for everything people type, paste or import, before any schema
 * sees it. Pure and tiny: the server's mutation wrapper, the import parser and
 * evidence file names all use it.
 *
 * Policy (per kind of field):
 * - Bidirectional embeddings, overrides and isolates (U+202A–U+202E,
 *   U+2066–U+2069) are STRIPPED everywhere. Chat apps and phone contact lists
 *   wrap numbers and names in them, so a victim pasting must not be refused;
 *   removing them only changes how text is laid out, never what it says, and an
 *   attacker can no longer show a reversed or disguised name to staff.
 * - Control characters (C0 except tab/LF/CR, DEL, C1) are REFUSED in typed
 *   text with a field error: they have no business in a name or a narrative
 *   and PostgreSQL refuses NUL outright. The form echoes the value back without
 *   them, so one more click sends it.
 * - Tab, LF and CR: kept in multi-line fields; in single-line fields they are
 *   whitespace that a paste can carry, folded into one space (never refused).
 * - File names (not typed by the victim) are never refused: see safeFileName.
 */
export type TextKind = "line" | "multiline";

const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/g;
const LINE_SPACE = /[\t\r\n\u2028\u2029]+/g;
// C0 except tab, LF, CR; DEL; C1.
const CONTROLS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;
const ANY_CONTROL = /[\u0000-\u001F\u007F-\u009F]/g;

export type CleanedText = { ok: true; value: string } | { ok: false; problem: "controlChars"; value: string };

/**
 * `value` is always safe to show again: on refusal it is the text without the
 * offending characters, so a form can be re-filled with it.
 */
export function cleanText(raw: string, kind: TextKind = "line"): CleanedText {
  let value = raw.replace(BIDI_CONTROLS, "");
  if (kind === "line") value = value.replace(LINE_SPACE, " ");
  if (!hasControlChars(value)) return { ok: true, value };
  return { ok: false, problem: "controlChars", value: value.replace(CONTROLS, "") };
}

/** True when the text holds a character cleanText refuses (tab, LF and CR are allowed). */
export function hasControlChars(s: string): boolean {
  CONTROLS.lastIndex = 0;
  return CONTROLS.test(s);
}

/** "U+0000": the first refused character, for messages that name it (imports). */
export function firstControlChar(s: string): string | null {
  const m = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/.exec(s);
  return m ? `U+${m[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}` : null;
}

export function stripBidiControls(s: string): string {
  return s.replace(BIDI_CONTROLS, "");
}

/**
 * A file name as the victim's device sent it, made safe to store and show:
 * directory parts, every control character (tab and newlines included) and
 * bidi controls removed, at most 200 characters; "" when nothing is left.
 */
export function safeFileName(raw: string): string {
  const base = raw.split(/[/\\]/).pop() ?? "";
  return Array.from(base.replace(BIDI_CONTROLS, "").replace(ANY_CONTROL, "").trim())
    .slice(0, 200)
    .join("")
    .replace(/^\.+$/, "");
}
