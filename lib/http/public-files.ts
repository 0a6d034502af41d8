/**
 * The files the app serves as they are (public/, plus the generated
 * security.txt). The proxy gives them the no-content policy, like every other
 * response that is not an HTML page (lib/http/csp.ts), and never a language
 * prefix or a sign-in redirect. A unit test keeps this list equal to public/.
 */
import { SECURITY_TXT_PATH } from "./security-txt";

export const STATIC_PUBLIC_FILES = [
  "/apple-touch-icon.png",
  "/favicon.ico",
  "/favicon.svg",
  "/icon-192.png",
  "/icon-512.png",
  "/manifest.webmanifest",
  "/robots.txt",
] as const;

const ALL: ReadonlySet<string> = new Set([...STATIC_PUBLIC_FILES, SECURITY_TXT_PATH]);

export function isPublicFile(pathname: string): boolean {
  return ALL.has(pathname);
}
