import type { ReactNode } from "react";
import { connection } from "next/server";
import "./globals.css";

// The <html> element lives in app/[locale]/layout.tsx, which knows the language.
// Every page is rendered per request, never prerendered: its scripts must carry
// the nonce of that request's Content-Security-Policy (proxy.ts), which Next.js
// reads from the request and adds by itself.
export default async function RootLayout({ children }: { children: ReactNode }) {
  await connection();
  return children;
}
