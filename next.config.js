import createNextIntlPlugin from "next-intl/plugin";
import boundary from "./lib/http/static-headers.json" with { type: "json" };

const withNextIntl = createNextIntlPlugin({
  requestConfig: "./i18n/request.ts",
  // ICU messages are compiled at build time, so browsers get no message parser.
  experimental: { messages: { path: "./messages", format: "json", locales: "infer", precompile: true } },
});

// The largest body Next.js itself accepts: a report with 10 evidence files of
// 10 MB plus the form fields. Per-path limits (1 MB for every other form and
// action) are enforced before Next.js reads anything, by scripts/serve.ts, and
// again on Content-Length by proxy.ts for a bare `next start` (lib/http/body-limit.ts).
const MAX_BODY_MB = 110;

// JSON, downloads and static files run nothing (lib/http/csp.ts).
const noContent = [{ key: "Content-Security-Policy", value: boundary.noContentCsp }];

/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  // `npm test` type-checks the whole project once (tsc --noEmit); the build
  // inside `npm start` need not repeat it.
  typescript: { ignoreBuildErrors: true },
  serverExternalPackages: ["@electric-sql/pglite", "@node-rs/argon2", "pg"],
  experimental: {
    // forbidden() / forbidden.tsx: a signed-in user without the permission gets a 403 page.
    authInterrupts: true,
    serverActions: { bodySizeLimit: `${MAX_BODY_MB}mb` },
    // proxy.ts sees a copy of every body; it must hold the largest one whole.
    proxyClientMaxBodySize: `${MAX_BODY_MB}mb`,
  },
  async headers() {
    return [
      // Pages get their Content-Security-Policy (with a nonce) from proxy.ts.
      { source: "/:path*", headers: boundary.everyResponse },
      { source: "/api/:path*", headers: noContent },
      { source: "/_next/:path*", headers: noContent },
    ];
  },
};

export default withNextIntl(nextConfig);
