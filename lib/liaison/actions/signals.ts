"use server";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { z } from "zod";
import { formDataOf } from "@/lib/actions/mutation";
import { formLocale, outcomeQuery } from "@/lib/actions/form-redirect";
import { staffAction, initialActionState } from "@/lib/actions/staff-action";
import { routing } from "@/i18n/routing";
import { createLeakNotice } from "../leak-notice";
import type { LeakSignal } from "../signals";

/**
 * The platform signals page's one form: "Send a data-leak notice" for a shop.
 * It carries only the shop's platform id; the service reads the signal again
 * and refuses a shop without a signal, without an organisation or with a
 * notice still open. Back to the page with the outcome in the query string
 * (works without JavaScript).
 */
const leakNoticeAction = staffAction({
  name: "createLeakNotice",
  permission: "create:request:any",
  schema: z.object({
    locale: z.enum(routing.locales),
    platformId: z.coerce.number().int().positive().max(2_147_483_647),
  }),
  handler: async (i, { user, ip, db }) => {
    const t = await getTranslations({ locale: i.locale, namespace: "signals" });
    const compose = (s: LeakSignal) => {
      const couriers = s.couriers.map((c) => (c.code ? t(`courier.${c.code}`) : c.name));
      const facts = {
        from: s.firstDate,
        to: s.lastDate,
        victims: s.victims,
        reports: s.reports,
        shop: s.platform.name,
      };
      return [
        t("noticeBody", facts),
        couriers.length ? t("noticeCouriers", { couriers: couriers.join(t("listSeparator")) }) : "",
      ]
        .filter(Boolean)
        .join("\n\n");
    };
    const created = await createLeakNotice(db, { actor: user, ip }, { platformId: i.platformId, compose });
    return { number: created.number };
  },
});

export async function createLeakNoticeForm(fd: FormData) {
  const form = formDataOf([fd]);
  const locale = form ? formLocale(form) : routing.defaultLocale;
  if (!form) redirect(`/${locale}/staff/signals`);
  const result = await leakNoticeAction(initialActionState as never, form);
  const platform = String(form.get("platformId") ?? "");
  const anchor = /^\d{1,10}$/.test(platform) ? `#shop-${platform}` : "";
  const q = outcomeQuery(result, result.data ? { created: result.data.number } : undefined);
  redirect(`/${locale}/staff/signals?${q}${anchor}`);
}
