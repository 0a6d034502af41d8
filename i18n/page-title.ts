import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";

/** `generateMetadata` for a page whose document title is one message (`namespace.key`) in the page's language. */
export function pageTitle(namespace: string, key = "title") {
  return async ({ params }: { params: Promise<{ locale: string }> }): Promise<Metadata> => {
    const { locale } = await params;
    const t = (await getTranslations({ locale, namespace })) as unknown as (k: string) => string;
    return { title: t(key) };
  };
}
