import { appOrigin } from "@/lib/env";
import { securityTxt } from "@/lib/http/security-txt";

// Built per request (the date moves); the text is the same all day, so caches may keep it for an hour.
export const dynamic = "force-dynamic";

export function GET() {
  return new Response(securityTxt(appOrigin(), new Date()), {
    headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "public, max-age=3600" },
  });
}
