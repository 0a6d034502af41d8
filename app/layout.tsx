import type { ReactNode } from "react";
import type { Metadata, Viewport } from "next";
import { connection } from "next/server";
import "./globals.css";

// The <html> element lives in app/[locale]/layout.tsx, which knows the language.
// Every page is rendered per request, never prerendered: its scripts must carry
// the nonce of that request's Content-Security-Policy (proxy.ts), which Next.js
// reads from the request and adds by itself.
// Every page, the not-found page included, links the icons and the manifest (public/, scripts/make-icons.ts).
export const metadata: Metadata = {
  icons: {
    icon: [
      { url: "/favicon.ico", sizes: "16x16 32x32" },
      { url: "/favicon.svg", type: "image/svg+xml" },
    ],
    apple: "/apple-touch-icon.png",
  },
  manifest: "/manifest.webmanifest",
};

// The header's colour (--color-brand-800), as in the manifest.
export const viewport: Viewport = { themeColor: "#123b77" };

export default async function RootLayout({ children }: { children: ReactNode }) {
  await connection();
  return children;
}
