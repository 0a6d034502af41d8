import createNextIntlPlugin from "next-intl/plugin";

const withNextIntl = createNextIntlPlugin({
  requestConfig: "./i18n/request.ts",
  // ICU messages are compiled at build time, so browsers get no message parser.
  experimental: { messages: { path: "./messages", format: "json", locales: "infer", precompile: true } },
});

// Report bodies: up to 10 evidence files of 10 MB plus the form fields. The
// proxy refuses anything larger with a 413 page before the action runs.
const MAX_BODY_MB = 110;

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
    proxyClientMaxBodySize: `${MAX_BODY_MB}mb`,
  },
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "same-origin" },
          { key: "X-Frame-Options", value: "DENY" },
        ],
      },
    ];
  },
};

export default withNextIntl(nextConfig);
