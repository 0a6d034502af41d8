import { setRequestLocale } from "next-intl/server";
import { pageTitle } from "@/i18n/page-title";
import { firstParam, type SearchParams } from "@/lib/vocab";
import { db } from "@/lib/db";
import { can } from "@/lib/auth/permissions";
import { pageData, pageUser } from "@/lib/auth/page";
import { listSharedNumbers, type SharedNumberFilter } from "@/lib/cases";
import { SharedNumbersQueue } from "@/components/cases/shared-numbers-queue";

export const dynamic = "force-dynamic";

export const generateMetadata = pageTitle("sharedNumbers");

type SP = Promise<SearchParams>;
const one = firstParam;

export default async function SharedNumbersPage({
  params,
  searchParams,
}: {
  params: Promise<{ locale: string }>;
  searchParams: SP;
}) {
  const { locale } = await params;
  setRequestLocale(locale);
  const path = "/staff/shared-numbers";
  const user = await pageUser(locale, path, "read:case:any");
  const sp = await searchParams;
  const status = one(sp.status);
  const filter: SharedNumberFilter = status === "decided" || status === "released" ? status : "held";
  const page = Math.min(10_000, Math.max(1, Number.parseInt(one(sp.page) ?? "1", 10) || 1));
  const data = await pageData(locale, path, async () =>
    listSharedNumbers(await db(), { actor: user }, { filter, page }),
  );
  const done = one(sp.done);
  const error = one(sp.error);
  return (
    <SharedNumbersQueue
      locale={locale}
      filter={filter}
      page={page}
      data={data}
      canDecide={can(user, "decide:matching:any")}
      banner={
        done === "official" || done === "scammer" || done === "reopen"
          ? { kind: "done", decision: done }
          : error
            ? { kind: "error", code: one(sp.field) || error }
            : null
      }
    />
  );
}
