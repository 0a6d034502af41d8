import { getTranslations } from "next-intl/server";

/**
 * "entered as Other, read as phone number": the field the victim chose (a
 * contact or payee kind) and the kind the matcher stored the value as. Said
 * in words, not only by a badge colour, so screen readers and printouts get it.
 */
export async function readAsText() {
  const t = await getTranslations("cases");
  const o = await getTranslations("options");
  const entered = (k: string) =>
    o.has(`contactKind.${k}`) ? o(`contactKind.${k}`) : o.has(`payeeKind.${k}`) ? o(`payeeKind.${k}`) : k;
  const read = (k: string) => (t.has(`identifierKind.${k}`) ? t(`identifierKind.${k}`) : k);
  return {
    one: (enteredAs: string, kind: string) => t("enteredAs", { entered: entered(enteredAs), read: read(kind) }),
    counted: (enteredAs: string, kind: string, count: number) =>
      t("enteredAsCount", { entered: entered(enteredAs), read: read(kind), count }),
  };
}
