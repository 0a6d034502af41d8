"use client";
import { usePathname } from "next/navigation";
import { routing } from "@/i18n/routing";

const names: Record<string, string> = { "zh-CN": "中文", en: "English" };

/**
 * Links to the same page in the other languages: plain <a> links, so they work
 * without JavaScript. Uses Next's own usePathname so public pages carry no
 * i18n client code unless they need it (docs/benchmarks.md).
 */
export function LocaleSwitch({ label, current }: { label: string; current: string }) {
  const pathname = usePathname() ?? `/${current}`;
  const rest = pathname.replace(new RegExp(`^/${current}(?=/|$)`), "");
  return (
    <nav aria-label={label}>
      <ul className="flex gap-3 text-sm">
        {routing.locales
          .filter((l) => l !== current)
          .map((l) => (
            <li key={l}>
              <a href={`/${l}${rest}`} hrefLang={l} lang={l} className="text-white underline">
                {names[l]}
              </a>
            </li>
          ))}
      </ul>
    </nav>
  );
}
