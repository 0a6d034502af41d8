import type { Metadata } from "next";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { db } from "@/lib/db";
import { can } from "@/lib/auth/permissions";
import { pageData, pageUser } from "@/lib/auth/page";
import { listSharedNumbers, type SharedNumberFilter } from "@/lib/cases";
import { SharedNumbersQueue } from "@/components/cases/shared-numbers-queue";

export const dynamic = "force-dynamic";

export async function generateMetadata({ params }: { params: Promise<{ locale: string }> }): Promise<Metadata> {
  const { locale } = await params;
  return { title: (await getTranslations({ locale, namespace: "sharedNumbers" }))("title") };
}

type SP = Promise<Record<string, string | string[] | undefined>>;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

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
